// The 📎 menu, as in Telegram's app: send a picture as a photo (compressed, shown inline) or
// as a file (a document: sent as it is, which keeps a QR code sharp).

export function setupAttachMenu({ button, menu, photoInput, fileInput, onPhoto, onFile }) {
  const close = () => {
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
  };
  button.addEventListener("click", () => {
    const open = menu.hidden;
    menu.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) menu.querySelector("button")?.focus();
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      close();
      button.focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (!menu.hidden && !menu.contains(event.target) && !button.contains(event.target)) close();
  });
  menu.querySelector("[data-attach=photo]").addEventListener("click", () => {
    close();
    photoInput.click();
  });
  menu.querySelector("[data-attach=file]").addEventListener("click", () => {
    close();
    fileInput.click();
  });
  for (const [input, send] of [
    [photoInput, onPhoto],
    [fileInput, onFile],
  ]) {
    input.addEventListener("change", () => {
      const file = input.files[0];
      input.value = "";
      if (file) send(file, file.name);
    });
  }
}

// The menu's labels in the persona's language ("📎 → Bestand" in the bot's tip).
export function labelAttachMenu(menu, say) {
  menu.querySelector("[data-attach=photo] span").textContent = say.photo;
  menu.querySelector("[data-attach=file] span").textContent = say.file;
  menu.setAttribute("aria-label", say.attach);
}
