namespace Deforum.Animation;

/// <summary>
/// Runs a per-row kernel over a few contiguous bands of rows, one per core: a work item per row costs more in
/// scheduling (and in spinning workers on a busy machine) than a 512-pixel row of arithmetic.
/// </summary>
internal static class RowParallel
{
    public static void For(int rows, Action<int> row)
    {
        int bands = Math.Min(rows, Environment.ProcessorCount);
        if (bands <= 1)
        {
            for (int y = 0; y < rows; y++) row(y);
            return;
        }
        Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = bands }, b =>
        {
            int end = (int)((long)rows * (b + 1) / bands);
            for (int y = (int)((long)rows * b / bands); y < end; y++) row(y);
        });
    }
}
