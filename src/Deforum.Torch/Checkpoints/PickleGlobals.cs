namespace Deforum.Torch.Checkpoints;

/// <summary>The globals the safe unpickler interprets itself; each is emulated in C#, never imported.</summary>
internal enum SafeCallable
{
    OrderedDict,
    RebuildTensorV2,
    RebuildParameter,
    RebuildParameterWithState,
    TorchSize,
    CodecsEncode,
    NumpyScalar,
    NumpyDType,
    Set,
    FrozenSet,
}

internal sealed record AllowedGlobal(SafeCallable Callable, string FullName);

/// <summary>A typed storage class (torch.FloatStorage, ...) named in a storage's persistent id.</summary>
internal sealed record StorageClass(DType DType, string FullName);

/// <summary>
/// Decides what a global named by a pickle becomes: an allow-listed callable or storage class, a rejection
/// for anything that could run code if a normal unpickler imported it, or an inert placeholder.
/// </summary>
internal static class PickleGlobals
{
    static readonly Dictionary<string, object> Allowed = new(StringComparer.Ordinal)
    {
        ["collections.OrderedDict"] = new AllowedGlobal(SafeCallable.OrderedDict, "collections.OrderedDict"),
        ["torch._utils._rebuild_tensor_v2"] = new AllowedGlobal(SafeCallable.RebuildTensorV2, "torch._utils._rebuild_tensor_v2"),
        ["torch._utils._rebuild_parameter"] = new AllowedGlobal(SafeCallable.RebuildParameter, "torch._utils._rebuild_parameter"),
        ["torch._utils._rebuild_parameter_with_state"] = new AllowedGlobal(SafeCallable.RebuildParameterWithState, "torch._utils._rebuild_parameter_with_state"),
        ["torch.Size"] = new AllowedGlobal(SafeCallable.TorchSize, "torch.Size"),
        ["_codecs.encode"] = new AllowedGlobal(SafeCallable.CodecsEncode, "_codecs.encode"),
        ["numpy.core.multiarray.scalar"] = new AllowedGlobal(SafeCallable.NumpyScalar, "numpy.core.multiarray.scalar"),
        ["numpy._core.multiarray.scalar"] = new AllowedGlobal(SafeCallable.NumpyScalar, "numpy._core.multiarray.scalar"),
        ["numpy.dtype"] = new AllowedGlobal(SafeCallable.NumpyDType, "numpy.dtype"),
        ["builtins.set"] = new AllowedGlobal(SafeCallable.Set, "builtins.set"),
        ["builtins.frozenset"] = new AllowedGlobal(SafeCallable.FrozenSet, "builtins.frozenset"),
        ["__builtin__.set"] = new AllowedGlobal(SafeCallable.Set, "__builtin__.set"),
        ["__builtin__.frozenset"] = new AllowedGlobal(SafeCallable.FrozenSet, "__builtin__.frozenset"),
        ["torch.FloatStorage"] = new StorageClass(DType.Float32, "torch.FloatStorage"),
        ["torch.HalfStorage"] = new StorageClass(DType.Float16, "torch.HalfStorage"),
        ["torch.BFloat16Storage"] = new StorageClass(DType.BFloat16, "torch.BFloat16Storage"),
        ["torch.DoubleStorage"] = new StorageClass(DType.Float64, "torch.DoubleStorage"),
        ["torch.LongStorage"] = new StorageClass(DType.Int64, "torch.LongStorage"),
        ["torch.IntStorage"] = new StorageClass(DType.Int32, "torch.IntStorage"),
        ["torch.ShortStorage"] = new StorageClass(DType.Int16, "torch.ShortStorage"),
        ["torch.CharStorage"] = new StorageClass(DType.Int8, "torch.CharStorage"),
        ["torch.ByteStorage"] = new StorageClass(DType.UInt8, "torch.ByteStorage"),
        ["torch.BoolStorage"] = new StorageClass(DType.Bool, "torch.BoolStorage"),
    };

    // Top-level modules whose members can run commands, evaluate code, touch files or the network, or
    // import/unpickle further code. Every member is refused, harmless or not: no checkpoint needs them.
    static readonly HashSet<string> DeniedModules = new(StringComparer.Ordinal)
    {
        "os", "posix", "nt", "posixpath", "ntpath", "subprocess", "_posixsubprocess", "pty", "sys", "shutil",
        "socket", "socketserver", "select", "selectors", "ssl", "http", "urllib", "urllib2", "ftplib", "smtplib",
        "telnetlib", "xmlrpc", "webbrowser", "importlib", "imp", "pkgutil", "zipimport", "runpy", "site",
        "sysconfig", "pickle", "_pickle", "cPickle", "pickletools", "shelve", "dill", "marshal", "ctypes", "_ctypes",
        "cffi", "code", "codeop", "commands", "pdb", "bdb", "trace", "profile", "cProfile", "timeit", "doctest",
        "inspect", "types", "operator", "_operator", "functools", "multiprocessing", "concurrent", "threading",
        "_thread", "asyncio", "signal", "io", "_io", "pathlib", "tempfile", "glob", "fileinput", "platform",
        "distutils", "setuptools", "pip", "venv", "ensurepip", "gc",
    };

    // Deeper paths that reach an unpickler, exec or a download (numpy.testing's runstring execs its argument).
    static readonly string[] DeniedPrefixes =
    [
        "numpy.testing", "numpy.load", "numpy.lib.npyio", "numpy.f2py", "numpy.distutils", "torch.load",
        "torch.serialization.load", "torch.serialization._load", "torch.hub", "torch.package", "torch.utils.cpp_extension",
    ];

    // Builtins that evaluate code, import, open files or reach arbitrary attributes (the classic gadget chain).
    static readonly HashSet<string> DeniedBuiltins = new(StringComparer.Ordinal)
    {
        "eval", "exec", "execfile", "compile", "open", "file", "input", "raw_input", "getattr", "setattr",
        "delattr", "__import__", "apply", "breakpoint", "globals", "locals", "vars", "reload", "exit", "quit", "help",
    };

    /// <summary>Resolves GLOBAL / STACK_GLOBAL / INST: an AllowedGlobal, a StorageClass or a PickledGlobal placeholder.</summary>
    public static object Resolve(string module, string name, string path)
    {
        var fullName = $"{module}.{name}";
        if (Allowed.TryGetValue(fullName, out var allowed))
            return allowed;
        if (IsDenied(module, name))
            throw new CheckpointFormatException(
                $"refusing to load '{path}': the checkpoint's pickle references '{fullName}', which could execute code; this file may be malicious");
        return new PickledGlobal(module, name);
    }

    static bool IsDenied(string module, string name)
    {
        var topModule = module.Split('.')[0];
        if (DeniedModules.Contains(topModule))
            return true;
        var fullName = $"{module}.{name}";
        if (DeniedPrefixes.Any(p => fullName == p || fullName.StartsWith(p + ".", StringComparison.Ordinal)))
            return true;
        var parts = name.Split('.');
        if (topModule is "builtins" or "__builtin__" or "__builtins__" && DeniedBuiltins.Contains(parts[0]))
            return true;
        // Protocol 4 qualified names are attribute chains (a.b.c); a chain through a module (torch.serialization
        // imports os), a dangerous builtin or a dunder (__globals__, __builtins__, __subclasses__) can reach anything.
        foreach (var part in parts)
            if (DeniedModules.Contains(part) || (parts.Length > 1 && DeniedBuiltins.Contains(part)) ||
                (part.StartsWith("__", StringComparison.Ordinal) && part.EndsWith("__", StringComparison.Ordinal)))
                return true;
        return false;
    }
}
