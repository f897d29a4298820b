// Vigil console: the only script besides htmx (no inline scripts: the Content-Security-Policy forbids them).
// A button with data-copy puts that text on the clipboard (webhook URLs).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button || !navigator.clipboard) {
    return;
  }
  navigator.clipboard.writeText(button.dataset.copy).then(() => {
    button.textContent = "Copied";
  });
});
