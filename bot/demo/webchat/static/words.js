// What the page itself says in the chat, as a Telegram app set to the persona's language says it.
//
// The bot's messages come from the bot; these are the client's own words (limits, reply bar,
// attach menu), so they follow the persona's Telegram language like the rest of a Telegram app.

export const TEXT_LIMIT = 4096; // Telegram's limit for one message, after entities are parsed

const WORDS = {
  nl: {
    tooLong: (count) =>
      `Je bericht is te lang: ${count} tekens. Telegram laat per bericht hoogstens ${TEXT_LIMIT} tekens toe. Maak het korter of verdeel het over meer berichten.`,
    reply: "Antwoorden",
    replyTo: (name) => `Antwoord aan ${name}`,
    cancelReply: "Antwoord annuleren",
    photo: "Foto",
    file: "Bestand",
    attach: "Bijlage",
    photoMessage: "Foto",
  },
  en: {
    tooLong: (count) =>
      `Your message is too long: ${count} characters. Telegram allows at most ${TEXT_LIMIT} characters in one message. Shorten it or split it into several messages.`,
    reply: "Reply",
    replyTo: (name) => `Reply to ${name}`,
    cancelReply: "Cancel reply",
    photo: "Photo",
    file: "File",
    attach: "Attach",
    photoMessage: "Photo",
  },
};

export function words(language) {
  return WORDS[language] || WORDS.en;
}

// Characters as Telegram (and the emulator) count them: code points, not UTF-16 halves.
export function characterCount(text) {
  return [...text].length;
}
