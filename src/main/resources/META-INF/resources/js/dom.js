// Tiny DOM helpers. Everything the service returns is put into the page as text (textContent), never as
// HTML: event payloads come from outside and may contain markup.

/** el('td', {class: 'num', dataset: {field: 'sent'}}, 'text', childNode, …) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

/** A timestamp as local date and time, or an em dash. */
export function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today ? date.toLocaleTimeString() : date.toLocaleString();
}

/** A rate (0..1) as a percentage, or an em dash while nothing was sent. */
export function formatRate(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** The event types of the schema's EventType enum, in the order the filters list them. */
export const EVENT_TYPES = ['SENT', 'OPEN', 'CLICK', 'BOUNCE', 'UNSUBSCRIBE', 'SPAM_COMPLAINT', 'SINGLE_OPT_IN',
  'DOUBLE_OPT_IN', 'CONFIRMED_OPT_IN', 'BLOCKLIST', 'FILTERED_BY_BLOCKLIST', 'ARCHIVE', 'OTHER'];
