// Whether a pid names a live process (signal 0 delivers nothing, only checks).
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
