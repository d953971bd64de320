// Small DOM helpers. Server data only ever goes in through textContent, never innerHTML.

/** The element with this id; throws when the page lacks it, so a typo fails loudly. */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element;
}

/** A new element: `props` are properties (dataset entries under `data`), children are nodes or text. */
export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'data') Object.assign(element.dataset, value);
    else if (name === 'attrs') for (const [a, v] of Object.entries(value)) element.setAttribute(a, v);
    else element[name] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Removes every child of `element`. */
export function clear(element) {
  element.replaceChildren();
}

/** A local date and time for an ISO-8601 string. */
export function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
