// Preselect the reader's own time zone in the sign-up form; without script the
// select still lists every IANA zone.
document.addEventListener("DOMContentLoaded", function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var selects = document.querySelectorAll("select[data-browser-zone='']");
  for (var i = 0; i < selects.length; i++) {
    var options = selects[i].options;
    for (var j = 0; j < options.length; j++) {
      if (options[j].value === zone) {
        selects[i].value = zone;
        break;
      }
    }
  }
});
