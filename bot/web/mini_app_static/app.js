// The UiTPAS-bot Mini App: scan a check-in QR code with Telegram's own scanner (choosing who of
// the family is there), show the card's barcode full screen, browse and redeem rewards.
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
  const CARD_FULLSCREEN_SINCE = "8.0"; // requestFullscreen
  const SWIPE_PX = 50;
  let texts = null;
  let busy = false;
  let current = null; // the screen shown

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

  function showResult(status, text, inChat) {
    $("chooser").hidden = true;
    $("result").dataset.status = status;
    $("result-text").textContent = text;
    $("in-chat").textContent = status === "failed" ? "" : inChat || texts.in_chat;
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
      } else if (answer && answer.status === "chooser") {
        $("result").hidden = true;
        showChooser(answer);
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
    const screens = (session.answer.screens || ["scan"]).filter((name) => SCREENS[name]);
    if (screens.length > 1) drawTabs(screens);
    SCREENS.scan.prepare();
    show(screens.includes(linkedScreen()) ? linkedScreen() : screens[0]);
  }

  // A direct link t.me/<bot>/<app>?startapp=card opens that tab: start_param only ever picks
  // one of the screens the bot offers, by its exact name; anything else opens the first.
  function linkedScreen() {
    const wanted = (webApp.initDataUnsafe || {}).start_param;
    return typeof wanted === "string" ? wanted : "";
  }

  // --- the screens and their tabs ----------------------------------------------------------

  function drawTabs(screens) {
    const bar = $("tabs");
    for (const name of screens) {
      const tab = document.createElement("button");
      tab.type = "button";
      tab.id = `tab-${name}`;
      tab.dataset.screen = name;
      tab.setAttribute("role", "tab");
      tab.textContent = texts[`tab_${name}`] || name;
      tab.addEventListener("click", () => show(name));
      bar.appendChild(tab);
    }
    bar.hidden = false;
  }

  function show(name) {
    if (current === name) return;
    if (current && SCREENS[current].leave) SCREENS[current].leave();
    current = name;
    for (const section of document.querySelectorAll("main > section[data-screen]")) {
      section.hidden = section.dataset.screen !== name;
    }
    for (const tab of $("tabs").children) {
      tab.setAttribute("aria-selected", String(tab.dataset.screen === name));
    }
    SCREENS[name].enter();
  }

  // --- scan (with "who's with you?" when there is a family) ---------------------------------

  let scanReady = false;

  function prepareScan() {
    $("intro").textContent = texts.intro;
    scanReady = scannerSupported();
    if (scanReady) webApp.MainButton.onClick(scan);
    $("chooser-go").addEventListener("click", goFamily);
  }

  function enterScan() {
    if (!scanReady) {
      notice(texts.unsupported);
      return;
    }
    webApp.MainButton.setParams({ text: texts.scan, is_visible: true, is_active: true });
  }

  function leaveScan() {
    $("notice").hidden = true;
    webApp.MainButton.hide();
  }

  let chooserId = null;

  function showChooser(answer) {
    chooserId = answer.chooser;
    $("chooser-text").textContent = answer.text;
    const list = $("chooser-members");
    list.replaceChildren();
    for (const member of answer.members) {
      const toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "secondary";
      toggle.setAttribute("role", "switch");
      toggle.setAttribute("aria-checked", String(member.chosen));
      toggle.textContent = `${member.chosen ? "✅" : "⬜"} ${member.name}`;
      toggle.addEventListener("click", () => toggleMember(member.position));
      list.appendChild(toggle);
    }
    $("chooser-go").textContent = answer.go;
    $("chooser-go").disabled = false;
    $("chooser").hidden = false;
  }

  async function familyCall(path, body) {
    if (busy) return;
    setBusy(true);
    $("chooser-go").disabled = true;
    try {
      const { status, answer } = await call(path, { chooser: chooserId, ...body });
      if (status === 401) showResult("failed", texts.refused);
      else if (answer && answer.status === "chooser") showChooser(answer);
      else if (answer && typeof answer.text === "string") {
        showResult(answer.status || "answered", answer.text, texts.family_in_chat);
      } else showResult("failed", texts.failed);
    } catch (error) {
      showResult("failed", texts.failed);
    } finally {
      setBusy(false);
      $("chooser-go").disabled = false;
    }
  }

  function toggleMember(position) {
    familyCall("api/family/toggle", { position });
  }

  function goFamily() {
    familyCall("api/family/go", {});
  }

  // --- the card, full screen, a swipe (or a button) per family member ----------------------

  const cardImages = new Map(); // member id → its answer, fetched once per opening
  let cardMembers = [];
  let cardShown = 0;
  let cardPrepared = false;

  function fullscreenSupported() {
    return (
      typeof webApp.requestFullscreen === "function" &&
      webApp.isVersionAtLeast(CARD_FULLSCREEN_SINCE)
    );
  }

  async function enterCard() {
    if (!cardPrepared) prepareCard();
    if (fullscreenSupported() && !webApp.isFullscreen) webApp.requestFullscreen();
    await showCard(cardMembers.length ? cardMembers[cardShown].id : null);
  }

  function leaveCard() {
    if (fullscreenSupported() && webApp.isFullscreen) webApp.exitFullscreen();
  }

  function prepareCard() {
    cardPrepared = true;
    $("card-previous").textContent = texts.card_previous;
    $("card-next").textContent = texts.card_next;
    $("card-previous").addEventListener("click", () => step(-1));
    $("card-next").addEventListener("click", () => step(1));
    let startX = null;
    const figure = $("card-figure");
    figure.addEventListener("touchstart", (event) => {
      startX = event.changedTouches[0].clientX;
    }, { passive: true });
    figure.addEventListener("touchend", (event) => {
      if (startX === null) return;
      const moved = event.changedTouches[0].clientX - startX;
      startX = null;
      if (Math.abs(moved) >= SWIPE_PX) step(moved < 0 ? 1 : -1);
    });
  }

  function step(by) {
    if (cardMembers.length < 2) return;
    cardShown = (cardShown + by + cardMembers.length) % cardMembers.length;
    showCard(cardMembers[cardShown].id);
  }

  async function showCard(member) {
    let answer = member && cardImages.get(member);
    if (!answer) {
      try {
        const reply = await call("api/card", member ? { member } : {});
        answer = reply.answer;
        if (reply.status === 401) answer = { ok: false, text: texts.refused };
      } catch (error) {
        answer = null;
      }
      if (answer && answer.ok) cardImages.set(answer.shown, answer);
    }
    if (!answer || !answer.ok) {
      $("card-figure").hidden = true;
      $("card-steps").hidden = true;
      $("card-hint").textContent = (answer && answer.text) || texts.failed;
      return;
    }
    cardMembers = answer.members;
    cardShown = Math.max(0, cardMembers.findIndex((m) => m.id === answer.shown));
    $("card-image").src = answer.image;
    $("card-image").alt = answer.caption;
    $("card-image").dataset.member = answer.shown;
    $("card-caption").textContent = answer.caption;
    $("card-figure").hidden = false;
    $("card-steps").hidden = cardMembers.length < 2;
    $("card-position").textContent = `${cardShown + 1} / ${cardMembers.length}`;
    $("card-hint").textContent = texts.card_hint;
  }

  // --- rewards: the list, a detail, redeeming online with a confirmation -------------------

  let rewardsPrepared = false;
  let rewardId = null;
  let confirmData = null;

  function prepareRewards() {
    rewardsPrepared = true;
    $("reward-back").textContent = texts.back;
    $("reward-redeem").textContent = texts.redeem_button;
    $("offer-confirm").textContent = texts.redeem_confirm_button;
    $("offer-cancel").textContent = texts.redeem_cancel_button;
    $("reward-back").addEventListener("click", listRewards);
    $("reward-redeem").addEventListener("click", askOffer);
    $("offer-confirm").addEventListener("click", confirmRedeem);
    $("offer-cancel").addEventListener("click", () => {
      $("offer").hidden = true;
      $("reward-redeem").hidden = false;
    });
  }

  async function enterRewards() {
    if (!rewardsPrepared) prepareRewards();
    await listRewards();
  }

  async function listRewards() {
    $("reward-detail").hidden = true;
    $("reward-list").hidden = false;
    let answer = null;
    try {
      answer = (await call("api/rewards")).answer;
    } catch (error) {
      answer = null;
    }
    const list = $("rewards");
    list.replaceChildren();
    if (!answer || !answer.ok) {
      $("rewards-header").textContent = (answer && answer.text) || texts.failed;
      return;
    }
    $("rewards-header").textContent = answer.empty ? `${answer.header}\n${answer.empty}` : answer.header;
    for (const reward of answer.rewards) {
      const item = document.createElement("li");
      const open = document.createElement("button");
      open.type = "button";
      open.dataset.reward = reward.id;
      open.dataset.affordable = String(reward.affordable);
      open.textContent = reward.text;
      open.addEventListener("click", () => openReward(reward.id));
      item.appendChild(open);
      list.appendChild(item);
    }
  }

  async function openReward(id) {
    rewardId = id;
    confirmData = null;
    codeShown = false;
    $("reward-list").hidden = true;
    $("offer").hidden = true;
    $("redeemed").hidden = true;
    $("reward-redeem").hidden = true;
    $("reward-detail").dataset.status = "answered";
    $("reward-text").textContent = "…";
    $("reward-detail").hidden = false;
    let answer = null;
    try {
      answer = (await call("api/reward", { id })).answer;
    } catch (error) {
      answer = null;
    }
    $("reward-text").textContent = (answer && answer.text) || texts.failed;
    $("reward-redeem").hidden = !(answer && answer.redeemable);
  }

  async function askOffer() {
    $("reward-redeem").hidden = true;
    let answer = null;
    try {
      answer = (await call("api/redeem/offer", { id: rewardId })).answer;
    } catch (error) {
      answer = null;
    }
    if (answer && answer.ok) {
      confirmData = answer.confirm;
      codeShown = false;
      $("offer-text").textContent = answer.text;
      $("offer-confirm").disabled = false;
      $("offer").hidden = false;
    } else {
      redeemed({ status: "refused", text: (answer && answer.text) || texts.failed });
    }
  }

  async function confirmRedeem() {
    // Every tap is sent: the bot's claim redeems one confirmation once, however often.
    let answer = null;
    try {
      answer = (await call("api/redeem", { confirm: confirmData })).answer;
    } catch (error) {
      answer = null;
    }
    redeemed(answer || { status: "refused", text: texts.failed });
  }

  // This confirmation's code is on screen: a double tap's other answer ("running", or the
  // same code "repeated") does not replace the redemption's own.
  let codeShown = false;

  function redeemed(answer) {
    const done = answer.status === "redeemed" || answer.status === "repeated";
    if (codeShown && answer.status !== "redeemed") return;
    codeShown = codeShown || done;
    $("reward-detail").dataset.status = answer.status || "refused";
    $("redeemed-text").textContent = answer.text;
    $("redeemed-code").textContent = answer.code || "";
    $("redeemed-code").hidden = !answer.code;
    $("redeemed-in-chat").textContent = done ? texts.redeem_in_chat : "";
    // Running elsewhere or not known yet: the same confirmation may be tapped again to look.
    $("offer").hidden = !(answer.status === "running" || answer.status === "unknown");
    $("redeemed").hidden = false;
  }

  const SCREENS = {
    scan: { prepare: prepareScan, enter: enterScan, leave: leaveScan },
    card: { enter: enterCard, leave: leaveCard },
    rewards: { enter: enterRewards },
  };

  start();
})();
