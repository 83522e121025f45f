/**
 * @license MIT
 * A workaround for a marker leak in lit-html 3.3.x.
 */

/**
 * Removes the comment markers lit-html leaves behind when `repeat` drops an item:
 * since 3.3.1 `removePart()` removes a part's start marker but not its end marker
 * (lit/lit#5298, fix pending in lit/lit#5299). The virtualizer drops rows at one end
 * on every scroll, so without this the list would gather one stray comment per row
 * scrolled past, without bound. Delete this once a fixed lit-html is installed.
 *
 * In `container` every item is one element between its own two markers, and the
 * binding's own marker is the first comment; any other comment that touches no
 * element belongs to no live part and can go.
 */
export function pruneOrphanMarkers(container: Element): void {
  let seenBindingMarker = false;
  for (let node = container.firstChild; node; ) {
    const next: ChildNode | null = node.nextSibling;
    if (node.nodeType === Node.COMMENT_NODE) {
      if (!seenBindingMarker) seenBindingMarker = true;
      else if (node.previousSibling?.nodeType !== Node.ELEMENT_NODE && next?.nodeType !== Node.ELEMENT_NODE) node.remove();
    }
    node = next;
  }
}
