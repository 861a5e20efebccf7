// The Mini App in the web chat: this page plays the Telegram client around it.
//
// The private chat's menu button (setChatMenuButton) and the bot's web_app buttons open the
// app in a panel, at the launch URL the emulator signs; the app talks to this page the way it
// talks to Telegram's web clients (postMessage of {eventType, eventData}). When it opens the
// QR scanner, the panel shows the sandbox's posters: the one picked is what the camera reads.

const $ = (id) => document.getElementById(id);
const current = { persona: null, chat: null };
let panel = null;
let frame = null;
let camera = null;

async function json(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok || body.ok === false) throw new Error(body.description || response.statusText);
  return body;
}

function drawPanel() {
  panel = document.createElement("dialog");
  panel.id = "mini-app";
  panel.className = "mini-app-panel";
  panel.setAttribute("aria-labelledby", "mini-app-title");
  panel.innerHTML =
    '<div class="mini-app-head"><h2 id="mini-app-title">UiTPAS bot</h2>' +
    '<button type="button" class="icon-button" aria-label="Close the Mini App">✕</button></div>' +
    '<iframe id="mini-app-frame" title="Mini App" src="about:blank"></iframe>';
  panel.querySelector("button").addEventListener("click", () => panel.close());
  panel.addEventListener("close", () => {
    hideCamera();
    frame.src = "about:blank";
  });
  document.body.append(panel);
  frame = panel.querySelector("iframe");
}

function drawMenuButton() {
  const button = document.createElement("button");
  button.type = "button";
  button.id = "mini-app-menu-button";
  button.className = "menu-button mini-app-button";
  button.hidden = true;
  button.addEventListener("click", () => openApp({}));
  $("menu-button").after(button);
  return button;
}

async function openApp(extra) {
  const body = { persona: current.persona, chat: current.chat, ...extra };
  try {
    const { url } = await json("/api/web_app/open", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    frame.src = url;
    if (!panel.open) panel.showModal();
  } catch (error) {
    console.warn("the Mini App did not open:", error.message);
  }
}

function post(eventType, eventData) {
  frame.contentWindow.postMessage(JSON.stringify({ eventType, eventData }), window.location.origin);
}

function hideCamera() {
  if (camera) camera.remove();
  camera = null;
}

async function showCamera(text) {
  hideCamera();
  camera = document.createElement("section");
  camera.className = "mini-app-camera";
  camera.setAttribute("aria-label", "QR scanner");
  camera.innerHTML =
    "<h3>Scan QR</h3><p></p><ul></ul>" +
    '<button type="button" class="cancel">Cancel</button>';
  camera.querySelector("p").textContent = `${text || ""} — pick the poster the camera sees.`;
  camera.querySelector(".cancel").addEventListener("click", () => {
    hideCamera();
    post("scan_qr_popup_closed", {});
  });
  panel.append(camera);
  const { posters } = await json("/api/web_app/camera");
  const list = camera.querySelector("ul");
  for (const poster of posters) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "camera-poster";
    button.innerHTML = '<img alt="" loading="lazy"><span></span>';
    button.querySelector("img").src = poster.url;
    button.querySelector("span").textContent = poster.title;
    button.setAttribute("aria-label", `Scan the poster of ${poster.title}`);
    button.addEventListener("click", () => post("qr_text_received", { data: poster.code }));
    item.append(button);
    list.append(item);
  }
}

window.addEventListener("message", (event) => {
  if (!frame || event.source !== frame.contentWindow) return;
  let message;
  try {
    message = JSON.parse(event.data);
  } catch {
    return;
  }
  const data = message.eventData || {};
  if (message.eventType === "web_app_open_scan_qr_popup") showCamera(data.text);
  else if (message.eventType === "web_app_close_scan_qr_popup") hideCamera();
  else if (message.eventType === "web_app_close") panel.close();
});

function start() {
  drawPanel();
  const menuButton = drawMenuButton();
  window.addEventListener("webchat:chat", async (event) => {
    Object.assign(current, event.detail);
    menuButton.hidden = true;
    if (current.chat < 0) return; // Mini Apps open in private chats only
    try {
      const { button } = await json(
        `/api/web_app/menu?persona=${encodeURIComponent(current.persona)}&chat=${current.chat}`,
      );
      if (button.type === "web_app" && event.detail.chat === current.chat) {
        menuButton.textContent = button.text;
        menuButton.hidden = false;
      }
    } catch {
      menuButton.hidden = true;
    }
  });
  window.addEventListener("webchat:web-app", (event) => {
    Object.assign(current, { persona: event.detail.persona, chat: event.detail.chat });
    openApp({ message_id: event.detail.message_id, text: event.detail.text });
  });
}

start();
