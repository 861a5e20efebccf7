// A deep link as Telegram's app shows it: the bot gets "/start <payload>", the user's bubble
// says "/start". The page remembers (for this tab) which of its messages were deep links.

const DEEP_LINKS = "deep-links";

function deepLinkKey(message) {
  return `${message.chat.id}:${message.message_id}`;
}

export function rememberDeepLink(message) {
  const known = JSON.parse(sessionStorage.getItem(DEEP_LINKS) || "[]");
  known.push(deepLinkKey(message));
  sessionStorage.setItem(DEEP_LINKS, JSON.stringify(known.slice(-200)));
}

function isDeepLink(message) {
  const known = JSON.parse(sessionStorage.getItem(DEEP_LINKS) || "[]");
  return known.includes(deepLinkKey(message));
}

// The text and entities a bubble shows: the message's own, but "/start" for a deep link.
export function shownText(message) {
  const text = message.text ?? message.caption;
  const entities = message.entities || message.caption_entities || [];
  if (text && text.startsWith("/start ") && isDeepLink(message)) {
    return { text: "/start", entities: entities.filter((e) => e.offset + e.length <= 6) };
  }
  return { text, entities };
}
