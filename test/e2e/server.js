// test/e2e/server.js
// Serves schema "credentialing" as a GraphQL API with PostGraphile 4, the
// way an auto-generated API would run in production: JWT authentication
// (HS256), the token's "role" claim becomes the transaction's role and every
// other claim a jwt.claims.<name> setting, and requests without a token run
// as the default role.  Started by scripts/checks/e2e_postgraphile.sh.
//
// Environment:
//   DATABASE_URL   connection string of the connecting (authenticator) role
//   JWT_SECRET     HS256 secret the tokens are signed with
//   DEFAULT_ROLE   role of requests without a token
//   PORT_FILE      where to write the port once listening (127.0.0.1, port
//                  chosen by the system)
'use strict';

const fs = require('fs');
const http = require('http');
const { postgraphile } = require('postgraphile');

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`server.js: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const middleware = postgraphile(required('DATABASE_URL'), 'credentialing', {
  jwtSecret: required('JWT_SECRET'),
  jwtVerifyAlgorithms: ['HS256'],
  pgDefaultRole: required('DEFAULT_ROLE'),
  // Privileges are enforced by PostgreSQL at run time; the schema shows
  // everything (PostGraphile 4's default).
  ignoreRBAC: true,
  // The tables and functions belong to the extension; PostGraphile hides
  // extension objects unless told otherwise.
  includeExtensionResources: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  // Errors carry their SQLSTATE so that the test can tell a refusal (42501)
  // from any other failure.
  extendedErrors: ['errcode', 'detail', 'hint'],
  disableQueryLog: true,
  retryOnInitFail: false,
});

const server = http.createServer(middleware);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  fs.writeFileSync(required('PORT_FILE'), String(port));
  console.log(`PostGraphile listening on http://127.0.0.1:${port}/graphql`);
});

function stop() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
