// A stand-in for https://telegram.org/js/telegram-web-app.js: the part of Telegram.WebApp the
// bot's Mini App uses, played the way a Telegram client plays it.
//
// Like the real script it reads what the client put in the URL fragment (tgWebAppData: the
// signed initData; tgWebAppVersion, tgWebAppPlatform, tgWebAppThemeParams), sets the
// --tg-theme-* CSS variables, and talks to the client: inside a frame (the demo's web chat)
// by postMessage with {eventType, eventData} as Telegram's web clients do, so the web chat
// opens its poster picker as the "camera" on web_app_open_scan_qr_popup and answers
// qr_text_received. At the top level (a browser test) it draws its own scanner and main button
// and the test is the camera: window.TelegramStandIn.scan(text).
"use strict";

(() => {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const initData = fragment.get("tgWebAppData") || "";
  const version = fragment.get("tgWebAppVersion") || "6.0";
  const platform = fragment.get("tgWebAppPlatform") || "unknown";
  let themeParams = {};
  try {
    themeParams = JSON.parse(fragment.get("tgWebAppThemeParams") || "{}");
  } catch (error) {
    themeParams = {};
  }
  const framed = window.parent !== window;
  const handlers = {};
  const posted = []; // every event sent to the client, for tests to read
  let scanCallback = null;
  let scannerOpen = false;

  function parseInitData(text) {
    const unsafe = {};
    for (const [key, value] of new URLSearchParams(text)) {
      try {
        unsafe[key] = ["user", "receiver", "chat"].includes(key) ? JSON.parse(value) : value;
      } catch (error) {
        unsafe[key] = value;
      }
    }
    return unsafe;
  }

  function postEvent(eventType, eventData) {
    posted.push({ eventType, eventData: eventData || null });
    if (framed) window.parent.postMessage(JSON.stringify({ eventType, eventData }), "*");
  }

  function emit(name, ...args) {
    for (const handler of handlers[name] || []) {
      try {
        handler.apply(WebApp, args);
      } catch (error) {
        console.error(error);
      }
    }
  }

  function versionAtLeast(wanted) {
    const have = version.split(".").map(Number);
    const want = String(wanted).split(".").map(Number);
    for (let i = 0; i < Math.max(have.length, want.length); i += 1) {
      const a = have[i] || 0;
      const b = want[i] || 0;
      if (a !== b) return a > b;
    }
    return true;
  }

  function colorScheme() {
    const bg = (themeParams.bg_color || "#ffffff").replace("#", "");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(bg.slice(i, i + 2), 16));
    return 0.299 * r + 0.587 * g + 0.114 * b < 120 ? "dark" : "light";
  }

  function applyTheme() {
    const style = document.documentElement.style;
    for (const [name, value] of Object.entries(themeParams)) {
      style.setProperty(`--tg-theme-${name.replace(/_/g, "-")}`, value);
    }
    style.setProperty("--tg-color-scheme", colorScheme());
    style.setProperty("--tg-viewport-height", `${window.innerHeight}px`);
    style.setProperty("--tg-viewport-stable-height", `${window.innerHeight}px`);
  }

  // --- the client's own parts, drawn at the top level (a frame's host draws its own) -----
  let bar = null;
  let scanner = null;

  function drawMainButton() {
    if (!document.body) return;
    if (!bar) {
      bar = document.createElement("button");
      bar.type = "button";
      bar.id = "tg-main-button";
      bar.dataset.standIn = "main-button";
      bar.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;height:3.25rem;border:0;font:600 16px system-ui;" +
        "z-index:2147483000;cursor:pointer";
      bar.addEventListener("click", () => {
        if (MainButton.isActive && !MainButton.isProgressVisible) emit("mainButtonClicked");
      });
      document.body.appendChild(bar);
    }
    bar.hidden = !MainButton.isVisible;
    bar.textContent = MainButton.isProgressVisible ? "…" : MainButton.text;
    bar.disabled = !MainButton.isActive || MainButton.isProgressVisible;
    bar.style.background = MainButton.color;
    bar.style.color = MainButton.textColor;
  }

  function drawScanner(text) {
    if (framed || !document.body) return;
    scanner = document.createElement("div");
    scanner.id = "tg-scan-qr-popup";
    scanner.setAttribute("role", "dialog");
    scanner.setAttribute("aria-label", "Scan QR");
    scanner.style.cssText =
      "position:fixed;inset:0;background:rgba(0,0,0,.85);color:#fff;display:flex;" +
      "flex-direction:column;align-items:center;justify-content:center;z-index:2147483001;" +
      "font:16px system-ui";
    const heading = document.createElement("strong");
    heading.textContent = "Scan QR";
    const hint = document.createElement("p");
    hint.textContent = text || "";
    scanner.append(heading, hint);
    document.body.appendChild(scanner);
  }

  const MainButton = {
    type: "main",
    text: "Continue",
    color: themeParams.button_color || "#2481cc",
    textColor: themeParams.button_text_color || "#ffffff",
    isVisible: false,
    isActive: true,
    isProgressVisible: false,
    setText(text) {
      return this.setParams({ text });
    },
    setParams(params) {
      if ("text" in params) this.text = String(params.text).trim();
      if ("color" in params) this.color = params.color;
      if ("text_color" in params) this.textColor = params.text_color;
      if ("is_visible" in params) this.isVisible = Boolean(params.is_visible);
      if ("is_active" in params) this.isActive = Boolean(params.is_active);
      postEvent("web_app_setup_main_button", {
        is_visible: this.isVisible,
        is_active: this.isActive,
        is_progress_visible: this.isProgressVisible,
        text: this.text,
        color: this.color,
        text_color: this.textColor,
      });
      drawMainButton();
      return this;
    },
    show() {
      return this.setParams({ is_visible: true });
    },
    hide() {
      return this.setParams({ is_visible: false });
    },
    enable() {
      return this.setParams({ is_active: true });
    },
    disable() {
      return this.setParams({ is_active: false });
    },
    showProgress() {
      this.isProgressVisible = true;
      return this.setParams({});
    },
    hideProgress() {
      this.isProgressVisible = false;
      return this.setParams({});
    },
    onClick(callback) {
      WebApp.onEvent("mainButtonClicked", callback);
      return this;
    },
    offClick(callback) {
      WebApp.offEvent("mainButtonClicked", callback);
      return this;
    },
  };

  function receiveQrText(data) {
    if (!scannerOpen) return;
    emit("qrTextReceived", { data });
    if (scanCallback && scanCallback(data) === true) WebApp.closeScanQrPopup();
  }

  function closed() {
    scannerOpen = false;
    scanCallback = null;
    if (scanner) scanner.remove();
    scanner = null;
  }

  const WebApp = {
    initData,
    initDataUnsafe: parseInitData(initData),
    version,
    platform,
    themeParams,
    colorScheme: colorScheme(),
    isExpanded: false,
    viewportHeight: window.innerHeight,
    viewportStableHeight: window.innerHeight,
    MainButton,
    isVersionAtLeast: versionAtLeast,
    ready() {
      postEvent("web_app_ready");
    },
    expand() {
      this.isExpanded = true;
      postEvent("web_app_expand");
    },
    close() {
      postEvent("web_app_close");
    },
    onEvent(name, handler) {
      (handlers[name] = handlers[name] || []).push(handler);
    },
    offEvent(name, handler) {
      handlers[name] = (handlers[name] || []).filter((known) => known !== handler);
    },
    showScanQrPopup(params, callback) {
      if (!versionAtLeast("6.4")) throw new Error("WebAppMethodUnsupported");
      if (scannerOpen) throw new Error("WebAppScanQrPopupOpened");
      scannerOpen = true;
      scanCallback = typeof callback === "function" ? callback : null;
      const text = (params && params.text) || "";
      postEvent("web_app_open_scan_qr_popup", { text });
      drawScanner(text);
    },
    closeScanQrPopup() {
      if (!versionAtLeast("6.4")) return;
      postEvent("web_app_close_scan_qr_popup");
      closed();
    },
    // Bot API 8.0: the client takes the whole screen and says so with fullscreenChanged.
    isFullscreen: false,
    requestFullscreen() {
      if (!versionAtLeast("8.0")) throw new Error("WebAppMethodUnsupported");
      postEvent("web_app_request_fullscreen");
      if (this.isFullscreen) {
        emit("fullscreenFailed", { error: "ALREADY_FULLSCREEN" });
        return;
      }
      this.isFullscreen = true;
      emit("fullscreenChanged");
    },
    exitFullscreen() {
      if (!versionAtLeast("8.0")) throw new Error("WebAppMethodUnsupported");
      postEvent("web_app_exit_fullscreen");
      if (!this.isFullscreen) return;
      this.isFullscreen = false;
      emit("fullscreenChanged");
    },
  };

  // Events from a client around the frame, in Telegram's web clients' format.
  window.addEventListener("message", (message) => {
    if (!framed || message.source !== window.parent) return;
    let event;
    try {
      event = JSON.parse(message.data);
    } catch (error) {
      return;
    }
    const data = event.eventData || {};
    if (event.eventType === "qr_text_received") receiveQrText(data.data);
    else if (event.eventType === "scan_qr_popup_closed") {
      closed();
      emit("scanQrPopupClosed");
    } else if (event.eventType === "theme_changed" && data.theme_params) {
      themeParams = data.theme_params;
      WebApp.themeParams = themeParams;
      WebApp.colorScheme = colorScheme();
      applyTheme();
      emit("themeChanged");
    }
  });

  // What a test (the camera, at the top level) sees and does.
  window.TelegramStandIn = {
    posted,
    get scannerOpen() {
      return scannerOpen;
    },
    scan(text) {
      receiveQrText(text);
    },
    closeScanner() {
      closed();
      emit("scanQrPopupClosed");
    },
  };

  applyTheme();
  window.Telegram = window.Telegram || {};
  window.Telegram.WebApp = WebApp;
  if (!document.body) document.addEventListener("DOMContentLoaded", drawMainButton);
})();
