using System.Runtime.InteropServices;

namespace Deforum.Torch.Native;

// The "added for Models" block of native/include/deforum_torch.h.
internal static partial class NativeMethods
{
    [LibraryImport(Library)] public static partial IntPtr dt_attention_chunked(TensorHandle q, TensorHandle k, TensorHandle v, double scale, long maxScoreElements);
}
