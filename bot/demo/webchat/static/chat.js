// The demo's chat client: personas, chats, messages, buttons, photos and the command menu.
//
// Everything goes through the web chat's small API (/api/...), which relays to the Telegram
// emulator. The page long-polls /api/wait and redraws the open chat when the bot did something.

import { labelAttachMenu, setupAttachMenu } from "./attach.js";
import { clockText } from "./clock.js";
import { rememberDeepLink, shownText } from "./deeplink.js";
import { deepLinkPayload, renderText } from "./format.js";
import { locationText, setupPlaces } from "./places.js";
import { addReplyGestures, drawQuote, drawReplyBar } from "./reply.js";
import { TEXT_LIMIT, characterCount, words } from "./words.js";

const $ = (id) => document.getElementById(id);
const state = {
  config: null,
  persona: null,
  chatId: null,
  seq: 0,
  rendered: new Map(), // message_id → { key, element }
  commands: [],
  myQueries: new Set(),
  refreshing: null,
  replyTo: null, // the message the next one answers (the bar above the message box)
};

// --- API ---------------------------------------------------------------------------------

async function api(path, options = {}) {
  const response = await fetch(path, options);
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  if (!response.ok || body.ok === false) throw new Error(body.description || response.statusText);
  return body;
}

function postJson(path, body) {
  return api(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

function chatQuery() {
  return `persona=${encodeURIComponent(state.persona.key)}&chat=${state.chatId}`;
}

// --- toasts ------------------------------------------------------------------------------

let toastTimer = null;
function toast(text, { alert = false } = {}) {
  const el = $("toast");
  el.textContent = text;
  el.setAttribute("role", alert ? "alert" : "status");
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), alert ? 6000 : 3000);
}

// --- sidebar -----------------------------------------------------------------------------

function say() {
  return words(state.persona.language);
}

function isGroup() {
  return state.chatId === state.config.group.id;
}

// Which persona's Telegram speaks which language: the bot answers each in that language.
const LANGUAGE_NAMES = { nl: "speaks Dutch", en: "speaks English" };

function renderSidebar() {
  $("brand-name").textContent = state.config.bot.name;
  const { personas, group, spare_card: spare } = state.config;
  const list = $("personas");
  list.replaceChildren(
    ...personas.map((p) => {
      const label = document.createElement("label");
      label.className = "persona";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = "persona";
      input.value = p.key;
      input.checked = p.key === state.persona.key;
      input.addEventListener("change", () => switchPersona(p.key));
      const avatar = document.createElement("span");
      avatar.className = `avatar avatar-${p.key}`;
      avatar.textContent = p.name[0];
      avatar.setAttribute("aria-hidden", "true");
      const text = document.createElement("span");
      text.className = "persona-text";
      const name = document.createElement("strong");
      name.textContent = p.name;
      const role = document.createElement("small");
      const status = p.group_status === "member" ? "group member" : "group admin";
      role.textContent = `${status} · ${LANGUAGE_NAMES[p.language] || p.language}`;
      text.append(name, role);
      label.append(input, avatar, text);
      return label;
    }),
  );

  const chats = [
    { id: state.persona.id, title: state.config.bot.name, sub: "private chat", avatar: "🎟" },
    { id: group.id, title: group.title, sub: `group · you are ${state.persona.name}`, avatar: "👥" },
  ];
  $("chat-list").replaceChildren(
    ...chats.map((c) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "chat-item";
      button.dataset.chatId = c.id;
      if (c.id === state.chatId) button.setAttribute("aria-current", "true");
      button.innerHTML = '<span class="avatar" aria-hidden="true"></span><span class="chat-item-text"><strong></strong><small></small></span>';
      button.querySelector(".avatar").textContent = c.avatar;
      button.querySelector("strong").textContent = c.title;
      button.querySelector("small").textContent = c.sub;
      button.addEventListener("click", () => openChat(c.id));
      li.append(button);
      return li;
    }),
  );

  const cards = [
    ...personas.map((p) => ({ number: p.card, note: `${p.name}: ${p.card_note}` })),
    { number: spare, note: "another card: 3 points" },
  ];
  $("cards").replaceChildren(
    ...cards.map((card) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "card-number";
      button.textContent = card.number;
      button.title = "Put this number in the message box";
      button.addEventListener("click", () => {
        $("text").value = card.number;
        $("text").focus();
        autosize();
      });
      const note = document.createElement("small");
      note.textContent = card.note;
      li.append(button, note);
      return li;
    }),
  );
}

// The page's own words follow the persona's Telegram language, as a Telegram app's would.
function renderLanguage() {
  document.documentElement.lang = state.persona.language || "en";
  labelAttachMenu($("attach-menu"), say());
}

function renderHeader() {
  const group = isGroup();
  $("chat-title").textContent = group ? state.config.group.title : state.config.bot.name;
  $("chat-subtitle").textContent = group
    ? `${state.config.personas.length + 1} members · you are ${state.persona.name}`
    : `bot · @${state.config.bot.username}`;
  $("chat-avatar").textContent = group ? "👥" : "🎟";
  document.title = `${$("chat-title").textContent} — ${state.config.bot.name} demo`;
}

// On a phone the sidebar is a drawer over the chat, opened with ☰ and closed by picking a
// chat or a persona, by tapping beside it, or with Escape.
function showSidebar(open) {
  document.querySelector(".app").classList.toggle("sidebar-open", open);
  $("sidebar-toggle").setAttribute("aria-expanded", String(open));
  $("sidebar-backdrop").hidden = !open;
}

function setupSidebar() {
  $("sidebar-toggle").addEventListener("click", () => {
    showSidebar($("sidebar-toggle").getAttribute("aria-expanded") !== "true");
  });
  $("sidebar-backdrop").addEventListener("click", () => showSidebar(false));
  $("sidebar").addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      showSidebar(false);
      $("sidebar-toggle").focus();
    }
  });
}

// --- chats -------------------------------------------------------------------------------

function switchPersona(key) {
  state.persona = state.config.personas.find((p) => p.key === key);
  localStorage.setItem("persona", key);
  openChat(isGroup() ? state.config.group.id : state.persona.id);
}

async function openChat(chatId) {
  state.chatId = chatId;
  showSidebar(false);
  setReply(null);
  state.rendered.clear();
  $("messages").replaceChildren();
  closeMenu();
  renderSidebar();
  renderHeader();
  renderLanguage();
  $("messages").dataset.chat = chatId;
  // miniapp.js shows the Mini App's menu button where the bot set one.
  window.dispatchEvent(
    new CustomEvent("webchat:chat", { detail: { persona: state.persona.key, chat: chatId } }),
  );
  await Promise.all([refresh(), loadCommands()]);
  $("text").focus();
}

async function loadCommands() {
  const chatId = state.chatId;
  try {
    const { commands } = await api(`/api/commands?${chatQuery()}`);
    if (chatId === state.chatId) state.commands = commands;
  } catch {
    state.commands = [];
  }
  $("menu-button").hidden = state.commands.length === 0;
}

// Redraws run one at a time; a request made while one runs is served by one more run after it.
function refresh() {
  if (state.refreshing) {
    state.refreshAgain = true;
    return state.refreshing;
  }
  state.refreshing = (async () => {
    do {
      state.refreshAgain = false;
      const chatId = state.chatId;
      const query = chatQuery();
      try {
        const { messages } = await api(`/api/messages?${query}`);
        if (chatId === state.chatId && query === chatQuery()) drawMessages(messages);
      } catch (error) {
        toast(`Could not load the chat: ${error.message}`);
      }
    } while (state.refreshAgain);
    state.refreshing = null;
  })();
  return state.refreshing;
}

async function waitLoop() {
  for (;;) {
    try {
      const result = await api(`/api/wait?after=${state.seq}`);
      state.seq = result.seq;
      for (const answer of result.answers) {
        if (state.myQueries.delete(answer.query_id)) toast(answer.text, { alert: answer.show_alert });
      }
      if (result.changed) await refresh();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

// --- messages ----------------------------------------------------------------------------

function messageKey(m) {
  return JSON.stringify([
    m.text, m.caption, m.entities, m.caption_entities, m.reply_markup, m.edit_date,
    m.photo && m.photo[m.photo.length - 1].file_id, m.document && m.document.file_id,
    m.reply_to_message && m.reply_to_message.message_id, state.persona.key,
  ]);
}

function drawMessages(messages) {
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const seen = new Set();
  messages.forEach((message, index) => {
    const id = message.message_id;
    seen.add(id);
    const key = messageKey(message);
    let entry = state.rendered.get(id);
    if (!entry || entry.key !== key) {
      const element = drawMessage(message, entry !== undefined);
      if (entry) entry.element.replaceWith(element);
      entry = { key, element };
      state.rendered.set(id, entry);
    }
    if (box.children[index] !== entry.element) box.insertBefore(entry.element, box.children[index] || null);
  });
  for (const [id, entry] of state.rendered) {
    if (!seen.has(id)) {
      entry.element.remove();
      state.rendered.delete(id);
    }
  }
  $("empty-chat").hidden = messages.length > 0;
  if (atBottom) box.scrollTop = box.scrollHeight;
}

const handlers = {
  onLink(url, event) {
    const payload = deepLinkPayload(url, state.config.bot.username);
    if (payload !== null) {
      event.preventDefault();
      followDeepLink(payload);
    }
  },
  onCommand(command) {
    sendText(command);
  },
};

function drawMessage(message, wasShown) {
  const mine = message.from && message.from.id === state.persona.id;
  const fromBot = message.from && message.from.is_bot;
  const row = document.createElement("div");
  row.className = `msg ${mine ? "out" : "in"}${fromBot ? " from-bot" : ""}`;
  row.dataset.messageId = message.message_id;
  if (wasShown) row.classList.add("updated");

  const bubble = document.createElement("div");
  bubble.className = "bubble";
  if (isGroup() && !mine) {
    const sender = document.createElement("div");
    sender.className = "sender";
    sender.textContent = fromBot ? state.config.bot.name : message.from.first_name;
    bubble.append(sender);
  }
  if (message.reply_to_message) {
    bubble.append(
      drawQuote(message.reply_to_message, {
        say: say(),
        botName: state.config.bot.name,
        onOpen: showMessage,
      }),
    );
  }
  if (message.photo && message.photo.length) {
    const img = document.createElement("img");
    img.className = "photo";
    img.src = `/files/${encodeURIComponent(message.photo[message.photo.length - 1].file_id)}`;
    img.alt = mine ? "Your photo" : "Picture from the bot";
    img.loading = "lazy";
    img.addEventListener("load", () => {
      const box = $("messages");
      if (box.scrollHeight - box.scrollTop - box.clientHeight < img.height + 80) box.scrollTop = box.scrollHeight;
    });
    bubble.append(img);
  }
  if (message.document) bubble.append(drawDocument(message.document));
  if (message.location) {
    const spot = document.createElement("div");
    spot.className = "location";
    spot.textContent = locationText(message.location);
    bubble.append(spot);
  }
  const { text, entities } = shownText(message);
  if (text) {
    const body = document.createElement("div");
    body.className = "text";
    body.append(renderText(text, entities, handlers));
    bubble.append(body);
  }
  const meta = document.createElement("time");
  meta.className = "meta";
  const time = clockText(message.date, {
    timeZone: state.config.time_zone,
    language: state.persona.language,
  });
  meta.textContent = `${message.edit_date ? "edited " : ""}${time}`;
  meta.dateTime = new Date(message.date * 1000).toISOString();
  bubble.append(meta);
  row.append(bubble);
  addReplyGestures(row, bubble, { label: say().reply, onReply: () => setReply(message) });

  const keyboard = message.reply_markup && message.reply_markup.inline_keyboard;
  if (keyboard && keyboard.length) row.append(drawKeyboard(message, keyboard));
  return row;
}

function drawDocument(file) {
  const doc = document.createElement("div");
  doc.className = "document";
  const size = file.file_size ? ` · ${Math.max(1, Math.round(file.file_size / 1024))} KB` : "";
  doc.textContent = `📄 ${file.file_name || say().file}${size}`;
  return doc;
}

function drawKeyboard(message, keyboard) {
  const box = document.createElement("div");
  box.className = "keyboard";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Buttons");
  for (const buttons of keyboard) {
    const row = document.createElement("div");
    row.className = "keyboard-row";
    for (const spec of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "inline-button";
      button.textContent = spec.text;
      if (spec.callback_data !== undefined) {
        button.addEventListener("click", () => press(message, spec.callback_data, button));
      } else if (spec.url) {
        button.classList.add("url");
        button.title = spec.url;
        button.addEventListener("click", () => openUrl(spec.url));
      } else if (spec.web_app && !isGroup()) {
        button.classList.add("web-app");
        button.addEventListener("click", () => {
          const detail = { persona: state.persona.key, chat: state.chatId, text: spec.text };
          detail.message_id = message.message_id;
          window.dispatchEvent(new CustomEvent("webchat:web-app", { detail })); // miniapp.js
        });
      } else if (spec.copy_text) {
        button.addEventListener("click", () => {
          navigator.clipboard?.writeText(spec.copy_text.text);
          toast("Copied");
        });
      } else {
        button.disabled = true;
        button.title = "This kind of button is not available in the demo";
      }
      row.append(button);
    }
    box.append(row);
  }
  return box;
}

// --- replying ---------------------------------------------------------------------------

function setReply(message) {
  state.replyTo = message;
  drawReplyBar($("reply-bar"), message, {
    say: say(),
    botName: state.config.bot.name,
    onCancel: () => setReply(null),
  });
  if (message) $("text").focus();
}

// Scroll to a message and make it flash, as a tap on a quote does in Telegram.
function showMessage(messageId) {
  const entry = state.rendered.get(messageId);
  if (!entry) return;
  entry.element.scrollIntoView({ block: "center", behavior: "smooth" });
  entry.element.classList.remove("updated");
  void entry.element.offsetWidth; // restart the flash
  entry.element.classList.add("updated");
}

// --- actions -----------------------------------------------------------------------------

// Sends a text, as an answer to ``replyTo`` when given: the sent Message, or null when it was
// not sent (the caller keeps what was typed, and the reply bar stays).
async function sendText(text, { replyTo = null, ...options } = {}) {
  if (!text.trim()) return null;
  if (characterCount(text) > TEXT_LIMIT) {
    showNotice(say().tooLong(characterCount(text)));
    return null;
  }
  let sent;
  try {
    sent = await postJson("/api/send", {
      persona: state.persona.key,
      chat: state.chatId,
      text,
      reply_to_message_id: replyTo ? replyTo.message_id : null,
    });
  } catch (error) {
    if (/too long/i.test(error.message)) showNotice(say().tooLong(characterCount(text)));
    else toast(`Not sent: ${error.message}`, { alert: true });
    return null;
  }
  if (replyTo && state.replyTo === replyTo) setReply(null);
  $("messages").scrollTop = $("messages").scrollHeight;
  if (options.deepLink) rememberDeepLink(sent.message);
  await refresh();
  $("messages").scrollTop = $("messages").scrollHeight;
  return sent.message;
}

// A notice above the message box, as Telegram's app says a message cannot be sent.
function showNotice(text) {
  $("composer-notice").textContent = text;
  $("composer-notice").hidden = false;
}

function hideNotice() {
  $("composer-notice").hidden = true;
}

// A picture as a photo (/api/photo) or any file as a document (/api/document).
async function sendUpload(path, field, blob, name) {
  const replyTo = state.replyTo;
  const form = new FormData();
  form.append("persona", state.persona.key);
  form.append("chat", String(state.chatId));
  if (replyTo) form.append("reply_to_message_id", String(replyTo.message_id));
  form.append(field, blob, name);
  try {
    await api(path, { method: "POST", body: form });
  } catch (error) {
    toast(`Not sent: ${error.message}`, { alert: true });
    return;
  }
  if (replyTo && state.replyTo === replyTo) setReply(null);
  await refresh();
  $("messages").scrollTop = $("messages").scrollHeight;
}

function sendPhoto(blob, name) {
  return sendUpload("/api/photo", "photo", blob, name || "photo.jpg");
}

function sendDocument(blob, name) {
  return sendUpload("/api/document", "document", blob, name || "file");
}

async function press(message, data, button) {
  button.classList.add("busy");
  button.setAttribute("aria-busy", "true");
  try {
    const { query_id: queryId } = await postJson("/api/press", {
      persona: state.persona.key,
      chat: state.chatId,
      message_id: message.message_id,
      data,
    });
    state.myQueries.add(queryId);
  } catch (error) {
    toast(error.message, { alert: true });
  } finally {
    setTimeout(() => {
      button.classList.remove("busy");
      button.removeAttribute("aria-busy");
    }, 600);
  }
}

function openUrl(url) {
  const payload = deepLinkPayload(url, state.config.bot.username);
  if (payload !== null) {
    followDeepLink(payload);
    return;
  }
  const login = state.config.login;
  if (login && url.startsWith(`${login.auth_url}/`)) {
    openLogin(url);
    return;
  }
  if (/^https?:\/\//i.test(url)) window.open(url, "_blank", "noopener,noreferrer");
}

// --- the v4 login panel ------------------------------------------------------------------

// The bot's "Log in with UiTiD" button points at the sandbox's login page; the page opens it
// in a panel, relayed by the web chat's server (same origin: a phone on the Wi-Fi reaches it
// too). UiTiD sends the browser back to the bot's /oauth/callback, relayed likewise; once the
// panel shows that page the login is done, the bot says so in the chat, and the panel closes.
const CALLBACK_PATH = "/oauth/callback";

function openLogin(url) {
  const frame = $("login-frame");
  frame.src = `${state.config.login.relay}${new URL(url).search}`;
  $("login").showModal();
}

function setupLogin() {
  const frame = $("login-frame");
  frame.addEventListener("load", () => {
    let path = null;
    try {
      path = frame.contentWindow.location.pathname;
    } catch {
      return; // another origin: not our callback
    }
    if (path !== CALLBACK_PATH) return;
    setTimeout(() => {
      if ($("login").open) $("login").close();
      frame.src = "about:blank";
      $("text").focus();
    }, 1200);
  });
  if (state.config.login) {
    $("cards-hint").textContent =
      "Link one: send /link, tap “Aanmelden met UiTiD” / “Log in with UiTiD” and pick its holder on the login page.";
  }
}

// A t.me link to the bot opens the private chat and sends /start <payload>, as Telegram does.
// Without a payload it only opens the chat, as Telegram does for a bot already started.
async function followDeepLink(payload) {
  if (state.chatId !== state.persona.id) await openChat(state.persona.id);
  if (payload) await sendText(`/start ${payload}`, { deepLink: true });
}

// --- composer and command menu -----------------------------------------------------------

function autosize() {
  const text = $("text");
  text.style.height = "auto";
  text.style.height = `${Math.min(text.scrollHeight, 160)}px`;
  updateMenu();
}

function menuItems() {
  const typed = $("text").value;
  if ($("menu-button").getAttribute("aria-expanded") === "true") return state.commands;
  if (!/^\/\w*$/.test(typed)) return [];
  const prefix = typed.slice(1).toLowerCase();
  return state.commands.filter((c) => c.command.startsWith(prefix));
}

function updateMenu() {
  const items = menuItems();
  const menu = $("command-menu");
  if (!items.length) {
    menu.hidden = true;
    return;
  }
  menu.replaceChildren(
    ...items.map((c, index) => {
      const option = document.createElement("button");
      option.type = "button";
      option.className = "command-option";
      option.setAttribute("role", "option");
      option.id = `command-${index}`;
      option.dataset.command = c.command;
      option.innerHTML = "<strong></strong><span></span>";
      option.querySelector("strong").textContent = `/${c.command}`;
      option.querySelector("span").textContent = c.description;
      option.addEventListener("click", () => chooseCommand(c.command, true));
      option.addEventListener("keydown", (event) => menuKeys(event, index));
      return option;
    }),
  );
  menu.hidden = false;
}

function menuKeys(event, index) {
  const options = [...$("command-menu").querySelectorAll(".command-option")];
  if (event.key === "ArrowDown") options[Math.min(index + 1, options.length - 1)].focus();
  else if (event.key === "ArrowUp") (index === 0 ? $("text") : options[index - 1]).focus();
  else if (event.key === "Tab" && !event.shiftKey) chooseCommand(options[index].dataset.command, false);
  else if (event.key === "Escape") closeMenu();
  else return;
  event.preventDefault();
}

function closeMenu() {
  $("menu-button").setAttribute("aria-expanded", "false");
  $("command-menu").hidden = true;
}

// Picked from the menu, a command is sent at once (as in Telegram); with Tab it is completed
// in the message box, so arguments can follow (/announce …).
function chooseCommand(command, send) {
  closeMenu();
  if (send) {
    $("text").value = "";
    autosize();
    sendText(`/${command}`, { replyTo: state.replyTo });
  } else {
    $("text").value = `/${command} `;
    autosize();
  }
  $("text").focus();
}

// The box is emptied while the message goes out, and refilled when it was not sent, as a
// Telegram app never loses what was typed.
async function submitTyped() {
  const text = $("text");
  const value = text.value;
  if (characterCount(value) > TEXT_LIMIT) {
    showNotice(say().tooLong(characterCount(value)));
    return;
  }
  text.value = "";
  autosize();
  const sent = await sendText(value, { replyTo: state.replyTo });
  if (!sent && !text.value) {
    text.value = value;
    autosize();
  }
}

function setupComposer() {
  const text = $("text");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    submitTyped();
  });
  text.addEventListener("input", () => {
    hideNotice();
    autosize();
  });
  text.addEventListener("keydown", (event) => {
    const menuOpen = !$("command-menu").hidden;
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    } else if (menuOpen && event.key === "ArrowDown") {
      event.preventDefault();
      $("command-menu").querySelector(".command-option")?.focus();
    } else if (menuOpen && event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      chooseCommand($("command-menu").querySelector(".command-option").dataset.command, false);
    } else if (event.key === "Escape") {
      if ($("command-menu").hidden) setReply(null);
      closeMenu();
    }
  });
  $("menu-button").addEventListener("click", () => {
    const open = $("menu-button").getAttribute("aria-expanded") !== "true";
    $("menu-button").setAttribute("aria-expanded", String(open));
    updateMenu();
    if (open) $("command-menu").querySelector(".command-option")?.focus();
  });

  setupAttachMenu({
    button: $("attach-button"),
    menu: $("attach-menu"),
    photoInput: $("photo-input"),
    fileInput: $("file-input"),
    onPhoto: sendPhoto,
    onFile: sendDocument,
  });

  const chat = $("chat");
  let depth = 0;
  chat.addEventListener("dragenter", (event) => {
    event.preventDefault();
    depth += 1;
    $("drop-hint").hidden = false;
  });
  chat.addEventListener("dragover", (event) => event.preventDefault());
  chat.addEventListener("dragleave", () => {
    depth -= 1;
    if (depth <= 0) $("drop-hint").hidden = true;
  });
  chat.addEventListener("drop", (event) => {
    event.preventDefault();
    depth = 0;
    $("drop-hint").hidden = true;
    const file = [...event.dataTransfer.files].find((f) => f.type.startsWith("image/"));
    if (file) sendPhoto(file, file.name);
    else toast("Drop a photo (an image file) to send it", { alert: true });
  });
}

// --- poster gallery ----------------------------------------------------------------------

async function setupGallery() {
  const dialog = $("gallery");
  $("gallery-button").addEventListener("click", async () => {
    if (!$("poster-list").children.length) {
      const { posters } = await api("/api/posters");
      $("poster-list").replaceChildren(
        ...posters.map((p) => {
          const li = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "poster";
          button.classList.add(p.checkin);
          button.innerHTML =
            '<img alt="" loading="lazy"><span><strong></strong><small></small><em class="checkin"></em></span>';
          button.querySelector("img").src = p.url;
          button.querySelector("strong").textContent = p.title;
          button.querySelector("small").textContent = `${p.organiser} · ${p.when}`;
          button.querySelector(".checkin").textContent = p.checkin_label;
          button.setAttribute("aria-label", `Send the poster of ${p.title}`);
          button.addEventListener("click", async () => {
            dialog.close();
            const blob = await (await fetch(p.url)).blob();
            await sendPhoto(blob, "poster.png");
          });
          const open = document.createElement("a");
          open.href = p.url;
          open.target = "_blank";
          open.rel = "noopener";
          open.className = "poster-open";
          open.textContent = "full screen";
          li.append(button, open);
          return li;
        }),
      );
    }
    dialog.showModal();
  });
}

// --- start -------------------------------------------------------------------------------

async function start() {
  state.config = await api("/api/config");
  const saved = localStorage.getItem("persona");
  state.persona = state.config.personas.find((p) => p.key === saved) || state.config.personas[0];
  setupComposer();
  setupSidebar();
  setupGallery();
  setupPlaces(() => ({ persona: state.persona.key, chat: state.chatId }), (text) => toast(text, { alert: true }));
  setupLogin();
  await openChat(state.persona.id);
  document.body.dataset.ready = "true";
  waitLoop();
}

start();
