/** A member's own profile. Listed before the core routes so `/members/me` is not read as an id. */
export default {
  routes: [
    { method: 'GET', path: '/members/me', handler: 'api::member.member.me', config: {} },
    { method: 'PUT', path: '/members/me', handler: 'api::member.member.updateMe', config: {} },
  ],
};
