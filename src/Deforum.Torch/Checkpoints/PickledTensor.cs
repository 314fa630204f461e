namespace Deforum.Torch.Checkpoints;

/// <summary>
/// A tensor as torch.save records it (torch._utils._rebuild_tensor_v2): a strided view, in elements, onto
/// one storage of the archive.
/// </summary>
public sealed record PickledTensor(string StorageKey, DType StorageDType, long StorageOffset, long[] Shape, long[] Strides, bool RequiresGrad)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>True when the view is dense row-major (C order), so its bytes are one slice of the storage.</summary>
    public bool IsContiguous
    {
        get
        {
            if (ElementCount == 0) return true;
            long expected = 1;
            for (int i = Shape.Length - 1; i >= 0; i--)
            {
                // a dimension of size 1 can carry any stride without changing the layout
                if (Shape[i] != 1 && Strides[i] != expected) return false;
                expected *= Shape[i];
            }
            return true;
        }
    }

    public override string ToString() =>
        $"{StorageDType}[{string.Join(", ", Shape)}] strides [{string.Join(", ", Strides)}] at storage '{StorageKey}' + {StorageOffset}";
}

/// <summary>One storage of a torch.save archive: its element type and count and where its bytes lie in the file.</summary>
/// <param name="FileOffset">Offset of the stored zip entry data in the file.</param>
/// <param name="StoredLength">Bytes the entry occupies in the file (compressed length when <paramref name="Compressed"/>).</param>
public sealed record TorchStorage(string Key, DType DType, long ElementCount, long FileOffset, long StoredLength, bool Compressed)
{
    public long ByteLength => ElementCount * DType.ElementSize();
}
