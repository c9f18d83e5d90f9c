// Stops an embedded server when the launcher that started it is gone. The servers run in their own
// process groups (so a group SIGTERM lets the workers drain before the servers stop), which also
// means a launcher killed with SIGKILL, or crashing, would leave them running. This tiny process,
// started beside each server, notices and stops it.
//   node watchdog.js LAUNCHER_PID SERVER_PID
import { processAlive as alive, STOP_GRACE_MS } from './embedded.js';

const [launcherPid, serverPid] = process.argv.slice(2).map(Number);

if (!launcherPid || !serverPid) process.exit(2);
const timer = setInterval(() => {
  if (!alive(serverPid)) process.exit(0);
  if (alive(launcherPid)) return;
  clearInterval(timer);
  process.kill(serverPid, 'SIGTERM');
  setTimeout(() => {
    if (alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    process.exit(0);
  }, STOP_GRACE_MS);
}, 500);
