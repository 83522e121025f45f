import { expect } from '@open-wc/testing';
import { safeUrl } from './safe-url.js';

describe('safeUrl', () => {
  it('passes web links, normalised', () => {
    expect(safeUrl('https://crm.example/a b?q="<x>"')).to.equal('https://crm.example/a%20b?q=%22%3Cx%3E%22');
    expect(safeUrl('http://127.0.0.1:8080/avatar.png')).to.equal('http://127.0.0.1:8080/avatar.png');
  });

  it('refuses script, data and other schemes however they are spelled', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'blob:https://desk.example/5e1d',
      'file:///etc/passwd',
    ]) {
      expect(safeUrl(url), JSON.stringify(url)).to.equal(null);
    }
  });

  it('takes only the schemes asked for, and relative URLs only with a base', () => {
    expect(safeUrl('http://crm.example/', { schemes: ['https:'] })).to.equal(null);
    expect(safeUrl('mailto:ada@example.com', { schemes: ['mailto:'] })).to.equal('mailto:ada@example.com');
    expect(safeUrl('/demo/pay/lp_1')).to.equal(null);
    expect(safeUrl('/demo/pay/lp_1', { base: 'https://desk.example/' })).to.equal('https://desk.example/demo/pay/lp_1');
    expect(safeUrl('javascript:alert(1)', { base: 'https://desk.example/' })).to.equal(null);
    expect(safeUrl('')).to.equal(null);
    expect(safeUrl(null)).to.equal(null);
    expect(safeUrl('https://')).to.equal(null);
  });
});
