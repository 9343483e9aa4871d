// Copy buttons, the console's only script: everything else works without JavaScript.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.copy");
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source || !navigator.clipboard) {
    return;
  }
  var label = button.textContent;
  navigator.clipboard.writeText(source.textContent.trim()).then(function () {
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 1500);
  });
});
