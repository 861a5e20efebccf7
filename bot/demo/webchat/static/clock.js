// One clock for the whole page: the bot's TIME_ZONE (from /api/config), never the browser's,
// so a bubble's time, the bot's /points and the posters' times agree. 24-hour, as the bot
// writes times in both its languages.

const LOCALES = { nl: "nl-BE", en: "en-GB" };

export function clockText(unixSeconds, { timeZone, language }) {
  const format = new Intl.DateTimeFormat(LOCALES[language] || LOCALES.en, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return format.format(new Date(unixSeconds * 1000));
}
