// Sharing a location from the web chat (issue 20): a 📍 button in the composer opens a list
// of preset places; picking one sends it as a Telegram location message, as the bot's
// "📍 Share my location" button would on a phone.

const $ = (id) => document.getElementById(id);

// `current()` gives { persona, chat } of the open chat; `failed(text)` shows an error.
export function setupPlaces(current, failed) {
  const dialog = $("places");
  $("location-button").addEventListener("click", async () => {
    if (!$("place-list").children.length) {
      const response = await fetch("/api/places");
      const { places } = await response.json();
      $("place-list").replaceChildren(
        ...places.map((place) => {
          const li = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "place";
          button.textContent = `📍 ${place.name}`;
          button.addEventListener("click", async () => {
            dialog.close();
            const response = await fetch("/api/location", {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ ...current(), place: place.key }),
            });
            if (!response.ok) failed(`Location not sent: ${response.statusText}`);
          });
          li.append(button);
          return li;
        }),
      );
    }
    dialog.showModal();
  });
}

// What a location message shows in the chat.
export function locationText(location) {
  return `📍 ${location.latitude.toFixed(4)}, ${location.longitude.toFixed(4)}`;
}
