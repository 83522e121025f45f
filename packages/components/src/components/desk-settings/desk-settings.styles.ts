import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 0.5rem;
    margin-block-end: 1.5rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  legend label {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  fieldset {
    border: 1px solid var(--desk-border-color, #d0d4da);
    border-radius: 0.4rem;
  }
  textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
  [part='field-error'],
  [part='error'] {
    color: var(--desk-danger-color, #b42318);
  }
  button {
    justify-self: start;
  }
`;
