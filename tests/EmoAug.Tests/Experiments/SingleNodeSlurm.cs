using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EmoAug.Tests.Experiments;

/// <summary>
/// A one-node Slurm cluster of this machine (Debian's slurm-wlm and munge, which scripts/test.sh installs), started
/// for the tests from a configuration in a temporary folder: its own munged, slurmctld and slurmd on free ports, with
/// SLURM_CONF pointing sbatch, squeue and scancel at it; dispose stops the daemons it started and deletes the folder.
/// When it cannot start, <see cref="Unavailable"/> says why in one line, and <see cref="Installed"/> whether Slurm's
/// programs were there at all (so a missing install can be told from a cluster that failed).
/// </summary>
public sealed class SingleNodeSlurm : IDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    static readonly string[] Programs = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "scontrol", "sinfo"];

    readonly TempFolder folder = new();
    readonly List<string> pidFiles = [];

    public string? Unavailable { get; }
    public bool Installed { get; }

    public SingleNodeSlurm()
    {
        if (!OperatingSystem.IsLinux())
        {
            Unavailable = "no real Slurm on this machine: the single-node cluster runs on Linux only";
            return;
        }
        if (Programs.FirstOrDefault(p => Which(p) == null) is { } missing)
        {
            Unavailable = $"no real Slurm on this machine: '{missing}' is not on the PATH (apt-get install slurm-wlm munge)";
            return;
        }
        Installed = true;
        try
        {
            Start();
        }
        catch (Exception ex)
        {
            Unavailable = "the single-node Slurm cluster did not start: " + ex.Message;
        }
    }

    string Dir => folder.Path;
    string Conf => folder.File("slurm.conf");
    static string Node => Environment.MachineName.Split('.')[0];

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    void Start()
    {
        // munged refuses a key others can read and a socket folder others cannot enter.
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(Dir, ownerOnly | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var key = folder.File("munge.key");
        using (var stream = new FileStream(key, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly }))
            stream.Write(System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        var socket = folder.File("munge.socket");
        Daemon("munged", "munged.pid", "munged.log", "--socket=" + socket, "--key-file=" + key, "--pid-file=" + folder.File("munged.pid"),
            "--log-file=" + folder.File("munged.log"), "--seed-file=" + folder.File("munged.seed"));
        Directory.CreateDirectory(folder.File("state"));
        Directory.CreateDirectory(folder.File("spool"));
        var user = Environment.UserName;
        var ports = FreePorts(2);
        File.WriteAllText(Conf, $"""
            ClusterName=emoaugtest
            SlurmctldHost={Node}(127.0.0.1)
            SlurmUser={user}
            SlurmdUser={user}
            AuthType=auth/munge
            AuthInfo=socket={socket}
            CredType=cred/munge
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            SchedulerType=sched/backfill
            StateSaveLocation={folder.File("state")}
            SlurmdSpoolDir={folder.File("spool")}
            SlurmctldPidFile={folder.File("slurmctld.pid")}
            SlurmdPidFile={folder.File("slurmd.pid")}
            SlurmctldLogFile={folder.File("slurmctld.log")}
            SlurmdLogFile={folder.File("slurmd.log")}
            SlurmctldPort={ports[0]}
            SlurmdPort={ports[1]}
            AccountingStorageType=accounting_storage/none
            JobAcctGatherType=jobacct_gather/none
            JobCompType=jobcomp/none
            MpiDefault=none
            MailProg=/bin/true
            ReturnToService=2
            NodeName={Node} NodeAddr=127.0.0.1 NodeHostname={Environment.MachineName} CPUs={Environment.ProcessorCount} RealMemory=500 State=UNKNOWN
            PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """.Replace("\r", ""));
        Environment.SetEnvironmentVariable("SLURM_CONF", Conf);
        Daemon("slurmctld", "slurmctld.pid", "slurmctld.log", "-f", Conf);
        Daemon("slurmd", "slurmd.pid", "slurmd.log", "-f", Conf, "-N", Node);
        var clock = Stopwatch.StartNew();
        string state = "";
        while (clock.Elapsed < StartTimeout)
        {
            var (exit, output, _) = Tool("sinfo", "-h", "-n", Node, "-o", "%t");
            state = output.Trim();
            if (exit == 0 && state == "idle") return;
            foreach (var daemon in new[] { "slurmctld", "slurmd" })
                if (!Alive(daemon + ".pid")) throw new InvalidOperationException($"{daemon} stopped: {LastLine(daemon + ".log")}");
            Thread.Sleep(250);
        }
        throw new InvalidOperationException($"node {Node} not idle after {StartTimeout.TotalSeconds:0} s (state '{state}'): {LastLine("slurmd.log")}");
    }

    /// <summary>Starts a daemon that forks into the background and writes its pid file; fails naming its error.</summary>
    void Daemon(string program, string pidFile, string logFile, params string[] arguments)
    {
        var (exit, output, error) = Tool(program, arguments);
        if (exit != 0) throw new InvalidOperationException($"{program} exited with {exit}: {FirstLine(error + output) ?? LastLine(logFile)}");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(folder.File(pidFile)) || File.ReadAllText(folder.File(pidFile)).Trim().Length == 0)
        {
            if (clock.Elapsed > StartTimeout) throw new InvalidOperationException($"{program} wrote no pid file: {LastLine(logFile)}");
            Thread.Sleep(100);
        }
        pidFiles.Add(pidFile);
    }

    string Log(string daemon) => File.Exists(folder.File(daemon + ".log")) ? File.ReadAllText(folder.File(daemon + ".log")) : "";

    /// <summary>Slurm's state of a job (PENDING, RUNNING, COMPLETED, CANCELLED, FAILED...), ended jobs included.</summary>
    public static string State(string job) => Tool("squeue", "-h", "-t", "all", "-o", "%T", "-j", job).Output.Trim();

    public static void Cancel(string job) => Must("scancel", job);

    /// <summary>Lets held jobs (sbatch --hold) be scheduled.</summary>
    public static void Release(IEnumerable<string> jobs) => Must("scontrol", "release", string.Join(',', jobs));

    static void Must(string program, params string[] arguments)
    {
        var (exit, _, error) = Tool(program, arguments);
        if (exit != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: exit {exit}: {FirstLine(error)}");
    }

    int? Pid(string pidFile) => File.Exists(folder.File(pidFile)) && int.TryParse(File.ReadAllText(folder.File(pidFile)).Trim(), out var pid) ? pid : null;

    bool Alive(string pidFile)
    {
        if (Pid(pidFile) is not { } pid) return true; // not written yet
        try { return !Process.GetProcessById(pid).HasExited; } catch (ArgumentException) { return false; }
    }

    string LastLine(string logFile) => Log(Path.GetFileNameWithoutExtension(logFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim()
        ?? $"no {logFile}";

    static string? FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();

    /// <summary>Ports free now, distinct: each listener holds its port until all are chosen.</summary>
    static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Dispose());
        return ports;
    }

    static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/sbin")
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    static (int Exit, string Output, string Error) Tool(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(Which(program) ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    public void Dispose()
    {
        if (Installed && Unavailable == null) Tool("scancel", "--user", Environment.UserName);
        // The daemons in the reverse order of their start, each by the pid it wrote: SIGTERM, then SIGKILL.
        foreach (var pidFile in Enumerable.Reverse(pidFiles))
        {
            if (Pid(pidFile) is not { } pid) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                Tool("kill", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill();
            }
            catch (ArgumentException) { } // already gone
        }
        Environment.SetEnvironmentVariable("SLURM_CONF", null);
        folder.Dispose();
    }
}
