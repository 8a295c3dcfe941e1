/** The agreement's own routes. Listed before the core routes so `/agreement-versions/current` is not read as an id. */
export default {
  routes: [
    { method: 'GET', path: '/agreement-versions/current', handler: 'api::agreement-version.agreement-version.current', config: {} },
    { method: 'GET', path: '/agreement-versions/history', handler: 'api::agreement-version.agreement-version.history', config: {} },
    { method: 'GET', path: '/agreement-versions/number/:number', handler: 'api::agreement-version.agreement-version.byNumber', config: {} },
    { method: 'GET', path: '/agreement-versions/:a/diff/:b', handler: 'api::agreement-version.agreement-version.diff', config: {} },
    { method: 'GET', path: '/agreement-versions/number/:number/text', handler: 'api::agreement-version.agreement-version.text', config: {} },
    { method: 'POST', path: '/agreement-versions/number/:number/suggestions', handler: 'api::agreement-version.agreement-version.suggest', config: {} },
    { method: 'POST', path: '/agreement-versions/number/:number/endorsements', handler: 'api::agreement-version.agreement-version.endorse', config: {} },
  ],
};
