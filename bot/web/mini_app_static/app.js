// The UiTPAS-bot Mini App: scan a check-in QR code with Telegram's own scanner.
//
// Everything the bot needs to know who is asking travels as Telegram's signed initData in the
// Authorization header ("tma <initData>"); the page itself trusts nothing and shows only text
// (textContent, never HTML). Telegram's script (telegram-web-app.js) is loaded first by the
// page, the documented way; the bot's API answers 401 to anything it did not sign.
"use strict";

(() => {
  const webApp = window.Telegram && window.Telegram.WebApp;
  const $ = (id) => document.getElementById(id);
  // Before the bot has answered (or when it refuses), in both languages: nl first.
  const OUTSIDE_TELEGRAM =
    "Open deze app vanuit de bot in Telegram. · Open this app from the bot in Telegram.";
  const SCANNER_SINCE = "6.4"; // showScanQrPopup and qrTextReceived
  // Only Telegram's phone apps have the camera scanner; on the desktop and web clients the
  // call does nothing, so the app says so there (and wherever the platform is not known).
  const SCANNER_PLATFORMS = new Set(["android", "android_x", "ios"]);
  let texts = null;
  let busy = false;

  function notice(text) {
    $("notice").textContent = text;
    $("notice").hidden = false;
  }

  function applyTheme() {
    document.documentElement.dataset.scheme = webApp.colorScheme || "light";
    const theme = webApp.themeParams || {};
    for (const [name, value] of Object.entries(theme)) {
      // Telegram's script sets these itself; set them again so a themeChanged is followed.
      document.documentElement.style.setProperty(`--tg-theme-${name.replace(/_/g, "-")}`, value);
    }
  }

  async function call(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { Authorization: `tma ${webApp.initData}`, "Content-Type": "application/json" },
      body: JSON.stringify(body || {}),
      credentials: "omit",
      cache: "no-store",
    });
    let answer = null;
    try {
      answer = await response.json();
    } catch (error) {
      answer = null;
    }
    return { status: response.status, answer };
  }

  function scannerSupported() {
    return (
      typeof webApp.showScanQrPopup === "function" &&
      webApp.isVersionAtLeast(SCANNER_SINCE) &&
      SCANNER_PLATFORMS.has(webApp.platform)
    );
  }

  function showResult(status, text) {
    $("result").dataset.status = status;
    $("result-text").textContent = text;
    $("in-chat").textContent = status === "failed" ? "" : texts.in_chat;
    $("result").hidden = false;
  }

  function setBusy(value) {
    busy = value;
    if (value) webApp.MainButton.showProgress(false);
    else webApp.MainButton.hideProgress();
  }

  async function checkIn(code) {
    setBusy(true);
    try {
      const { status, answer } = await call("api/scan", { code });
      if (status === 401) {
        showResult("failed", texts.refused);
      } else if (answer && typeof answer.text === "string") {
        showResult(answer.status || "answered", answer.text);
      } else {
        showResult("failed", texts.failed);
      }
    } catch (error) {
      showResult("failed", texts.failed);
    } finally {
      setBusy(false);
    }
  }

  function scan() {
    if (busy) return;
    // The callback runs on qrTextReceived; returning true closes the scanner: one code per
    // opening, checked in once.
    webApp.showScanQrPopup({ text: texts.scan_hint }, (data) => {
      if (!busy && typeof data === "string") checkIn(data);
      return true;
    });
  }

  async function start() {
    if (!webApp || !webApp.initData) {
      notice(OUTSIDE_TELEGRAM);
      return;
    }
    webApp.ready();
    webApp.expand();
    applyTheme();
    webApp.onEvent("themeChanged", applyTheme);
    let session;
    try {
      session = await call("api/session");
    } catch (error) {
      notice(OUTSIDE_TELEGRAM);
      return;
    }
    if (session.status !== 200 || !session.answer || !session.answer.texts) {
      notice(session.answer && session.answer.text ? session.answer.text : OUTSIDE_TELEGRAM);
      return;
    }
    texts = session.answer.texts;
    document.documentElement.lang = session.answer.language;
    document.title = texts.title;
    $("title").textContent = texts.title;
    $("card").textContent = session.answer.card;
    $("card").hidden = false;
    const screens = session.answer.screens || ["scan"];
    // One screen today; the card and the rewards screens (issue 18, with their services)
    // are added to SCREENS and to the session's list, and a tab bar then switches them.
    for (const name of screens) if (SCREENS[name]) SCREENS[name]();
  }

  function scanScreen() {
    $("intro").textContent = texts.intro;
    if (!scannerSupported()) {
      notice(texts.unsupported);
      return;
    }
    webApp.MainButton.setParams({ text: texts.scan, is_visible: true, is_active: true });
    webApp.MainButton.onClick(scan);
  }

  const SCREENS = { scan: scanScreen };

  start();
})();
