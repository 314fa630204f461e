using Deforum.Animation;
using Deforum.Media;
using Deforum.Media.Png;
using Deforum.Torch;

namespace Deforum.Interactive.Html;

/// <summary>Image files, image tensors and videos as inline HTML.</summary>
public static class MediaHtml
{
    public static string Image(FrameImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!File.Exists(image.Path)) return $"<div>missing image <code>{HtmlText.Escape(image.Path)}</code></div>";
        var caption = image.Caption ?? System.IO.Path.GetFileName(image.Path);
        var png = string.Equals(System.IO.Path.GetExtension(image.Path), ".png", StringComparison.OrdinalIgnoreCase)
            ? File.ReadAllBytes(image.Path)
            : PngEncoder.Encode(ImageFile.Read(image.Path), PngEncodeOptions.Fast);
        return $"<figure style=\"margin:4px 0\">{FrameHtml.Img(png, caption)}<figcaption style=\"font-size:12px\">{HtmlText.Escape(caption)}</figcaption></figure>";
    }

    /// <summary>An H×W×C uint8 frame tensor as an image; any other tensor is not an image and gets null.</summary>
    public static string? Tensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.DType != DType.UInt8 || tensor.Dim != 3 || tensor.Size(2) is not (1 or 3 or 4)) return null;
        return FrameHtml.Img(PngEncoder.Encode(FrameConversions.ToImageBuffer(tensor), PngEncodeOptions.Fast),
            $"{tensor.Size(1)}×{tensor.Size(0)} frame");
    }

    /// <summary>The video's player (a link when it is too large to embed), then its side-by-side video's.</summary>
    public static string Video(VideoFile video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return video.SideBySide is { } sideBySide ? Player(video.Path) + Player(sideBySide.Path) : Player(video.Path);
    }

    static string Player(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return $"<div>missing video <code>{HtmlText.Escape(path)}</code></div>";
        var link = $"<div style=\"font-size:12px\"><code>{HtmlText.Escape(path)}</code> ({info.Length / 1024} KiB)</div>";
        if (info.Length > VideoFile.MaxEmbeddedBytes) return link;
        var mime = info.Extension.Equals(".gif", StringComparison.OrdinalIgnoreCase) ? "image/gif" : "video/mp4";
        var data = Convert.ToBase64String(File.ReadAllBytes(path));
        return mime == "image/gif"
            ? $"<img src=\"data:{mime};base64,{data}\"/>{link}"
            : $"<video controls loop autoplay muted src=\"data:{mime};base64,{data}\"></video>{link}";
    }
}
