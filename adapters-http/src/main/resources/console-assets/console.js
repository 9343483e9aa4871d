// Copy buttons, the console's only script: everything else works without JavaScript.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.copy");
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source) {
    return;
  }
  var label = button.textContent;
  function say(text) {
    button.textContent = text;
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  function selectIt() {
    // Outside a secure context (plain http other than localhost) there is no clipboard API: select the text instead.
    window.getSelection().selectAllChildren(source);
    say("Selected: press Ctrl+C");
  }
  if (!navigator.clipboard || !window.isSecureContext) {
    selectIt();
    return;
  }
  navigator.clipboard.writeText(source.textContent.trim()).then(function () { say("Copied"); }, selectIt);
});
