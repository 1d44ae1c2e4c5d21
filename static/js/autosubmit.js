// Sends a form marked data-autosubmit at once (the LTI deep-linking answer); its button
// remains for when scripts are off.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
  form.submit();
});
