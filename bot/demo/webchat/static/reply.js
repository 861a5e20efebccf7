// Replying to a message, as in Telegram: a reply button on each bubble (long-press or a swipe
// to the left on a touch screen), the quoted message above the message box with ✕ to cancel,
// and the quote drawn at the top of a bubble that answers another message.

const LONG_PRESS_MS = 500;
const SWIPE_PX = 60;

// What a quote shows of a message: its text, or what kind of message it is.
export function quoteText(message, say) {
  const text = message.text ?? message.caption;
  if (text) return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  if (message.photo) return say.photoMessage;
  if (message.document) return `📄 ${message.document.file_name || say.file}`;
  return "…";
}

export function senderName(message, botName) {
  if (!message.from) return "";
  return message.from.is_bot ? botName : message.from.first_name;
}

// The quote at the top of a bubble; a tap scrolls to the quoted message, as Telegram does.
export function drawQuote(replied, { say, botName, onOpen }) {
  const quote = document.createElement("button");
  quote.type = "button";
  quote.className = "reply-quote";
  const name = document.createElement("strong");
  name.textContent = senderName(replied, botName);
  const text = document.createElement("span");
  text.textContent = quoteText(replied, say);
  quote.append(name, text);
  quote.addEventListener("click", () => onOpen(replied.message_id));
  return quote;
}

// The reply button on a bubble and the touch gestures that do the same.
export function addReplyGestures(row, bubble, { label, onReply }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "reply-button";
  button.title = label;
  button.setAttribute("aria-label", label);
  button.textContent = "↩";
  button.addEventListener("click", onReply);
  row.append(button);

  let timer = null;
  let start = null;
  const reset = () => {
    clearTimeout(timer);
    timer = null;
    start = null;
    bubble.style.transform = "";
  };
  bubble.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse") return;
    start = { x: event.clientX, y: event.clientY };
    timer = setTimeout(() => {
      reset();
      onReply();
    }, LONG_PRESS_MS);
  });
  bubble.addEventListener("pointermove", (event) => {
    if (!start) return;
    const dx = event.clientX - start.x;
    if (Math.abs(event.clientY - start.y) > 20) return reset(); // scrolling, not swiping
    if (Math.abs(dx) > 8) clearTimeout(timer);
    if (dx < 0) bubble.style.transform = `translateX(${Math.max(dx, -SWIPE_PX)}px)`;
    if (dx <= -SWIPE_PX) {
      reset();
      onReply();
    }
  });
  for (const type of ["pointerup", "pointercancel", "pointerleave"]) {
    bubble.addEventListener(type, reset);
  }
  bubble.addEventListener("contextmenu", (event) => {
    if (event.pointerType && event.pointerType !== "mouse") event.preventDefault();
  });
}

// The bar above the message box: who and what is being answered, and ✕ to cancel.
export function drawReplyBar(bar, replying, { say, botName, onCancel }) {
  if (!replying) {
    bar.hidden = true;
    bar.replaceChildren();
    return;
  }
  const icon = document.createElement("span");
  icon.className = "reply-bar-icon";
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = "↩";
  const body = document.createElement("div");
  body.className = "reply-bar-body";
  const name = document.createElement("strong");
  name.textContent = say.replyTo(senderName(replying, botName));
  const text = document.createElement("span");
  text.textContent = quoteText(replying, say);
  body.append(name, text);
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "icon-button reply-cancel";
  cancel.setAttribute("aria-label", say.cancelReply);
  cancel.title = say.cancelReply;
  cancel.textContent = "✕";
  cancel.addEventListener("click", onCancel);
  bar.replaceChildren(icon, body, cancel);
  bar.dataset.messageId = replying.message_id;
  bar.hidden = false;
}
