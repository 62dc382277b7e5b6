// The first thing in <body>: tell GOV.UK Frontend's CSS that scripts run, without an
// inline script (kith's Content-Security-Policy allows none).
document.body.className += ' js-enabled' +
  ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
