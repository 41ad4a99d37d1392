// pm2 alternative to docs/deploy/huiyin.service (issue 18 §2): pm2 start docs/deploy/ecosystem.config.cjs
// Secrets (WECHATY_PUPPET_SERVICE_TOKEN, ALERT_WEBHOOK_URL…) come from the environment pm2 is started in, not this file.
module.exports = {
  apps: [
    {
      name: 'huiyin',
      script: 'bin/huiyin.js',
      args: 'start',
      cwd: '/opt/huiyin',
      env: { NODE_ENV: 'production', HUIYIN_CONFIG: '/etc/huiyin/huiyin.yaml', HUIYIN_DATA: '/var/lib/huiyin' },
      // The process retries a puppet itself and exits 1 only after giving up: restart, but slowly and not for ever.
      autorestart: true,
      exp_backoff_restart_delay: 30_000,
      max_restarts: 10,
      min_uptime: '5m',
      // SIGTERM stops in order within 9 s.
      kill_timeout: 15_000,
    },
  ],
};
