// @ts-check
/**
 * The page learns that Local Echo is beside it from a meta tag the serving server adds to the HTML
 * (read by src/endpoint/presets.ts), so the page never has to probe for it.
 */
export const LOCAL_ECHO_META = '<meta name="ws-tester-local-echo" content="/echo">';

/** Adds the Local Echo meta tag to an HTML document, just before `</head>`. */
export function announceLocalEcho(/** @type {string} */ html) {
  return html.includes('</head>') ? html.replace('</head>', `  ${LOCAL_ECHO_META}\n  </head>`) : LOCAL_ECHO_META + html;
}
