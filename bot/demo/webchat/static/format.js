// Telegram message text → DOM, from the message's entities (UTF-16 offsets, as JS strings are).
//
// The emulator has already parsed the bot's HTML into text + entities exactly like Telegram, so
// the page never parses HTML: text goes in as text nodes, and only the elements below are made.
// Nothing from a message can become markup or a script.

const SAFE_SCHEMES = ["http:", "https:", "tg:", "mailto:"];

export function safeUrl(raw) {
  try {
    const url = new URL(raw, "https://example.invalid");
    if (!/^[a-z]+:/i.test(raw)) return null; // relative URLs mean nothing in a Telegram message
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function link(href, text, onLink) {
  const url = safeUrl(href);
  if (!url) {
    const span = document.createElement("span");
    span.className = "bad-link";
    return span;
  }
  const a = document.createElement("a");
  a.href = url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.addEventListener("click", (event) => onLink(url, event));
  return a;
}

function elementFor(entity, text, handlers) {
  const make = (tag, className) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    return el;
  };
  switch (entity.type) {
    case "bold":
      return make("strong");
    case "italic":
      return make("em");
    case "underline":
      return make("u");
    case "strikethrough":
      return make("s");
    case "spoiler": {
      const el = make("span", "spoiler");
      el.tabIndex = 0;
      el.setAttribute("role", "button");
      el.setAttribute("aria-label", "spoiler, press to reveal");
      const reveal = () => el.classList.add("revealed");
      el.addEventListener("click", reveal);
      el.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && reveal());
      return el;
    }
    case "code":
      return make("code");
    case "pre":
      return make("pre");
    case "blockquote":
    case "expandable_blockquote":
      return make("blockquote");
    case "text_link":
      return link(entity.url, text, handlers.onLink);
    case "url":
      return link(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`, text, handlers.onLink);
    case "email":
      return link(`mailto:${text}`, text, handlers.onLink);
    case "mention":
      return link(`https://t.me/${text.slice(1)}`, text, handlers.onLink);
    case "bot_command": {
      // Telegram sends a command when it is tapped; so does the demo.
      const a = make("a", "command");
      a.href = "#";
      a.addEventListener("click", (event) => {
        event.preventDefault();
        handlers.onCommand(text);
      });
      return a;
    }
    default:
      return make("span", entity.type.replace(/[^a-z_]/g, ""));
  }
}

function build(parent, text, start, end, entities, handlers) {
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    if (entity.offset < pos) {
      i += 1; // overlaps what is already drawn: Telegram never sends that; ignore it
      continue;
    }
    if (entity.offset > pos) parent.append(text.slice(pos, entity.offset));
    const entityEnd = Math.min(entity.offset + entity.length, end);
    const inner = [];
    let j = i + 1;
    while (j < entities.length && entities[j].offset < entityEnd) {
      if (entities[j].offset + entities[j].length <= entityEnd) inner.push(entities[j]);
      j += 1;
    }
    const el = elementFor(entity, text.slice(entity.offset, entityEnd), handlers);
    build(el, text, entity.offset, entityEnd, inner, handlers);
    parent.append(el);
    pos = entityEnd;
    i = j;
  }
  if (pos < end) parent.append(text.slice(pos, end));
}

export function renderText(text, entities, handlers) {
  const fragment = document.createDocumentFragment();
  const sorted = [...(entities || [])]
    .filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  build(fragment, text, 0, text.length, sorted, handlers);
  return fragment;
}

// https://t.me/<bot>?start=<payload> (or tg://resolve?domain=<bot>&start=…) for this bot.
export function deepLinkPayload(href, botUsername) {
  let url;
  try {
    url = new URL(/^[a-z]+:/i.test(href) ? href : `https://${href}`);
  } catch {
    return null;
  }
  let name = null;
  if ((url.protocol === "https:" || url.protocol === "http:") && /^(www\.)?t\.me$/i.test(url.host)) {
    name = url.pathname.replace(/^\//, "").replace(/\/$/, "");
  } else if (url.protocol === "tg:" && url.host === "resolve") {
    name = url.searchParams.get("domain");
  }
  if (!name || name.toLowerCase() !== botUsername.toLowerCase()) return null;
  const payload = url.searchParams.get("start");
  return payload === null ? "" : payload;
}
