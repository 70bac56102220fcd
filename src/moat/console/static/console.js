// Moat console: the little behaviour the pages need. Everything works without it.
document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (form.dataset.confirmed === "1") return;
      const kind = form.querySelector("select[name=kind]");
      const text = form.dataset.confirm.replace("this action", kind ? kind.value.replace("_", " ") : "this action");
      if (!window.confirm(text)) event.preventDefault();
    });
  }
});
