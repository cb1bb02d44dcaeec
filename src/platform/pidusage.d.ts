// The part of pidusage's API threadgate uses (the package ships no types of its own).
declare module 'pidusage' {
  interface Status {
    /** CPU % since the previous call (unused: threadgate keeps its own account of ctime). */
    cpu: number;
    /** Resident memory in bytes (RSS on POSIX, the working set on Windows). */
    memory: number;
    ppid: number;
    pid: number;
    /** User + system CPU time of the process itself, in ms. */
    ctime: number;
    /** Milliseconds since the process started. */
    elapsed: number;
    /** Date.now() when read. */
    timestamp: number;
  }
  interface Options {
    usePs?: boolean;
    useGwmi?: boolean;
    maxage?: number;
  }
  function pidusage(pids: number[], options?: Options): Promise<Record<string, Status | undefined>>;
  namespace pidusage {
    function clear(): void;
  }
  export = pidusage;
}
