/** A member's own profile and data (export, erasure). Listed before the core routes so `/members/me` is not read as an id. */
export default {
  routes: [
    { method: 'GET', path: '/members/me', handler: 'api::member.member.me', config: {} },
    { method: 'PUT', path: '/members/me', handler: 'api::member.member.updateMe', config: {} },
    { method: 'GET', path: '/me/export', handler: 'api::member.member.exportMine', config: {} },
    { method: 'DELETE', path: '/me', handler: 'api::member.member.eraseMine', config: {} },
  ],
};
