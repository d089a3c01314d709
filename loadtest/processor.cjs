// Helpers for the artillery scenarios (CommonJS: artillery loads processors with require).
const { randomUUID } = require("node:crypto");

/**
 * Volunteer accounts for the volunteer flow. `npm run loadtest` creates them and passes them in
 * INLOOP_VOLUNTEERS (JSON: [{ email, password }]); against a demo server (`npm start`) the two
 * Leiden demo volunteers are used.
 */
const volunteers = process.env.INLOOP_VOLUNTEERS
  ? JSON.parse(process.env.INLOOP_VOLUNTEERS)
  : [
      { email: "sam@leiden.demo", password: "inloop-demo" },
      { email: "lotte@leiden.demo", password: "inloop-demo" },
    ];
let nextVolunteer = 0;

/** Gives this virtual volunteer an account, round robin. */
function pickVolunteer(context, events, done) {
  const account = volunteers[nextVolunteer++ % volunteers.length];
  context.vars.email = account.email;
  context.vars.password = account.password;
  done();
}

/** Keeps the session cookie from the login response for the socket handshake (name=value only). */
function keepSessionCookie(requestParams, response, context, events, done) {
  const header = response.headers["set-cookie"];
  const first = Array.isArray(header) ? header[0] : header;
  context.vars.cookie = first ? first.split(";")[0] : "";
  done();
}

/** Message ids are UUIDs made by the client (a resend is recognised by its id). */
function newMessageId(context, events, done) {
  context.vars.messageId = randomUUID();
  done();
}

module.exports = { pickVolunteer, keepSessionCookie, newMessageId };
