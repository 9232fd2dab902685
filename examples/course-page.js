// The course page's side of Faultline's postMessage API (docs/embedding.md): it embeds the playground,
// lists the events it sends, and sends it commands. Messages from any other origin are ignored.
"use strict";

const frame = document.getElementById("faultline");
const log = document.getElementById("events");

// Where Faultline is hosted: ?faultline=<url> on this page, else the iframe's data-faultline.
const given = new URLSearchParams(location.search).get("faultline") ?? frame.dataset.faultline;
const faultlineUrl = new URL(given, location.href);
const faultlineOrigin = faultlineUrl.origin;

const params = new URLSearchParams({
  embed: "1",
  controls: "partitions",
  scenario: frame.dataset.scenario,
  autoplay: "0",
  parentOrigin: location.origin,
});
frame.src = `${faultlineUrl.href.split(/[?#]/)[0]}?${params}`;

/** "1 violation", "3 violations". */
function count(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Adds one line to the list; text only, never markup. */
function note(text) {
  const li = document.createElement("li");
  li.textContent = text;
  log.append(li);
}

/** The challenge: a change after which the client is told order 1 is confirmed. */
function checkChallenge(changes) {
  const done = Array.isArray(changes) && changes.some(
    (c) => c.what === "order 1 as the client was told" && c.after === "confirmed",
  );
  if (done) document.getElementById("challenge").textContent = "✓ Done: the client was told the order is confirmed.";
}

window.addEventListener("message", (event) => {
  if (event.origin !== faultlineOrigin || event.source !== frame.contentWindow) return;
  const data = event.data;
  if (!data || typeof data.type !== "string" || !data.type.startsWith("faultline:")) return;
  switch (data.type) {
    case "faultline:invariant-violated":
      note(`${data.type}: ${data.name}${data.expected ? " (expected with this strategy)" : ""} — ${data.detail}`);
      break;
    case "faultline:partition-added":
      note(`${data.type}: ${data.words}`);
      break;
    case "faultline:run-changed":
      note(`${data.type}: ${data.words}`);
      checkChallenge(data.changes);
      break;
    case "faultline:run-finished":
      note(`${data.type}: ${count(data.events, "event")}, ${count(data.violations, "violation")} — ${data.outcome}`);
      break;
    default:
      note(`${data.type}${data.id ? ": " + data.id : ""}${data.message ? ": " + data.message : ""}`);
  }
});

function send(command) {
  frame.contentWindow?.postMessage(command, faultlineOrigin);
}

for (const button of document.querySelectorAll("[data-load]")) {
  button.addEventListener("click", () => send({ type: "faultline:load-scenario", id: button.dataset.load }));
}
document.getElementById("reset").addEventListener("click", () => send({ type: "faultline:reset" }));
