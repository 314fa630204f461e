namespace Deforum.Animation.Color;

/// <summary>
/// Reproduces scikit-image 0.19 exposure.match_histograms for uint8 images (exposure/histogram_matching.py
/// _match_cumulative_cdf): per channel, each source level's CDF is mapped through NumPy interp on the template's
/// (CDF, level) points, and the float64 result is stored into uint8 by truncation.
/// </summary>
internal static class HistogramMatching
{
    /// <summary>Matches every channel of an interleaved H×W×C image to the same channel of the template.</summary>
    public static byte[] Match(byte[] source, byte[] template, int channels)
    {
        var result = new byte[source.Length];
        for (int c = 0; c < channels; c++)
        {
            var lookup = ChannelLookup(Histogram(source, c, channels), source.Length / channels,
                Histogram(template, c, channels), template.Length / channels);
            for (int i = c; i < source.Length; i += channels)
                result[i] = lookup[source[i]];
        }
        return result;
    }

    static long[] Histogram(byte[] image, int channel, int channels)
    {
        var counts = new long[256];
        for (int i = channel; i < image.Length; i += channels) counts[image[i]]++;
        return counts;
    }

    static byte[] ChannelLookup(long[] sourceCounts, long sourceSize, long[] templateCounts, long templateSize)
    {
        var values = new List<double>();
        var quantiles = new List<double>();
        long cumulative = 0;
        for (int v = 0; v < 256; v++)
        {
            if (templateCounts[v] == 0) continue;
            cumulative += templateCounts[v];
            values.Add(v);
            quantiles.Add((double)cumulative / templateSize);
        }
        var lookup = new byte[256];
        cumulative = 0;
        for (int v = 0; v < 256; v++)
        {
            cumulative += sourceCounts[v];
            if (sourceCounts[v] == 0) continue;
            lookup[v] = (byte)Interp((double)cumulative / sourceSize, quantiles, values);
        }
        return lookup;
    }

    /// <summary>NumPy interp (numpy/core/src/multiarray/compiled_base.c): clamped ends, slope·(x − xp[j]) + fp[j].</summary>
    static double Interp(double x, List<double> xp, List<double> fp)
    {
        int n = xp.Count;
        if (x <= xp[0]) return fp[0];
        if (x >= xp[n - 1]) return fp[n - 1];
        int j = xp.BinarySearch(x);
        if (j >= 0) return fp[j];
        j = ~j - 1;
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        return slope * (x - xp[j]) + fp[j];
    }
}
