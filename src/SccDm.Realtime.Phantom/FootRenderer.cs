using SccDm.Realtime.Measurement;

namespace SccDm.Realtime.Phantom;

/// <summary>
/// Rasterises a <see cref="FootModel"/> into the paired X-ray and photo. Every shape is evaluated only over
/// its bounding box, and every random value comes from a hash of (texture seed, position), so the result is
/// the same whatever thread runs it.
/// </summary>
internal static class FootRenderer
{
    // Linear attenuation per mm: cortical bone ≫ trabecular bone ≫ soft tissue, as in Beer–Lambert.
    private const double MuCortical = 0.16;
    private const double MuTrabecular = 0.045;
    private const double MuSoft = 0.0055;
    private const double XrayBackground = 0.035;
    private const float Outside = 1e4f;

    /// <summary>Foot length (heel skin to toe tip) as a fraction of the image at scale 1.</summary>
    private const double FrameFill = 0.86;

    public static PhantomSample Render(long seed, int size, FootParameters p)
    {
        var model = FootModel.Build(p);
        double k = size * FrameFill * p.Scale / (model.MaxV - model.MinV);
        var transform = new FootTransform(k, p.RotationDegrees, (size / 2.0) + (p.TranslationX * size), (size / 2.0) + (p.TranslationY * size), p.Side == FootSide.Left, model.Center.X, model.Center.Y);

        int n = size * size;
        var distance = new float[n];
        var height = new float[n];
        var nail = new float[n];
        Array.Fill(distance, Outside);
        var (x0, y0, x1, y1) = ImageBounds(transform, model.MinU, model.MaxU, model.MinV, model.MaxV, size);
        var stepX = transform.StepX;
        var stepY = transform.StepY;
        var rowStart = transform.ToFoot(x0 + 0.5, y0 + 0.5);
        for (int y = y0; y <= y1; y++)
        {
            var f = rowStart;
            int i = (y * size) + x0;
            for (int x = x0; x <= x1; x++, i++)
            {
                model.SoftTissue(f.X, f.Y, out double d, out double h, out double nl);
                distance[i] = (float)d;
                height[i] = (float)h;
                nail[i] = (float)nl;
                f += stepX;
            }

            rowStart += stepY;
        }

        var mask = new byte[n];
        for (int i = 0; i < n; i++)
        {
            mask[i] = (byte)(Math.Clamp(0.5 - (distance[i] * k), 0, 1) * 255 + 0.5);
        }

        var boneMask = new byte[n];
        var xray = RenderXray(model, transform, p, size, height, mask, boneMask);
        var photo = RenderPhoto(model, transform, p, size, distance, height, nail, mask);

        var points = new Keypoint2D[FootSkeleton.Count];
        for (int j = 0; j < points.Length; j++)
        {
            var q = transform.ToImage(model.Keypoints[j]);
            points[j] = new Keypoint2D(q.X, q.Y);
        }

        return new PhantomSample(seed, size, p, photo, xray, mask, boneMask, new KeypointSet(points));
    }

    private static byte[] RenderXray(FootModel model, FootTransform transform, FootParameters p, int size, float[] height, byte[] mask, byte[] boneMask)
    {
        int n = size * size;
        var attenuation = new float[n];
        for (int i = 0; i < n; i++)
        {
            // The soft-tissue envelope: thickness ≈ twice the skin height (dorsum and sole).
            attenuation[i] = (float)(MuSoft * 2.2 * height[i] * (mask[i] / 255.0));
        }

        var outer = new float[n];
        var inner = new float[n];
        var stepX = transform.StepX;
        var stepY = transform.StepY;
        var bones = model.Bones;
        int g = 0;
        while (g < bones.Count)
        {
            // Parts of one bone are merged by max (no seam where they overlap); different bones add up, like real projections.
            int end = g;
            while (end + 1 < bones.Count && bones[end + 1].Part == bones[g].Part)
            {
                end++;
            }

            int ux0 = size, uy0 = size, ux1 = -1, uy1 = -1;
            for (int b = g; b <= end; b++)
            {
                var bone = bones[b];
                var (x0, y0, x1, y1) = ImageBounds(transform, bone.MinU, bone.MaxU, bone.MinV, bone.MaxV, size);
                ux0 = Math.Min(ux0, x0);
                uy0 = Math.Min(uy0, y0);
                ux1 = Math.Max(ux1, x1);
                uy1 = Math.Max(uy1, y1);
                var rowStart = transform.ToFoot(x0 + 0.5, y0 + 0.5);
                for (int y = y0; y <= y1; y++)
                {
                    var f = rowStart;
                    int i = (y * size) + x0;
                    for (int x = x0; x <= x1; x++, i++)
                    {
                        bone.Thickness(f.X, f.Y, out double o, out double t);
                        if (o > outer[i])
                        {
                            outer[i] = (float)o;
                            inner[i] = (float)t;
                        }

                        f += stepX;
                    }

                    rowStart += stepY;
                }
            }

            ulong texSeed = p.TextureSeed + (ulong)(bones[g].Part * 7919);
            for (int y = uy0; y <= uy1; y++)
            {
                var f = transform.ToFoot(ux0 + 0.5, y + 0.5);
                int i = (y * size) + ux0;
                for (int x = ux0; x <= ux1; x++, i++)
                {
                    double o = outer[i];
                    if (o > 0)
                    {
                        double t = inner[i];
                        double tex = 1.0;
                        if (t > 0)
                        {
                            // Trabecular pattern: two octaves of noise fixed to the bone, so it scales with the image.
                            tex = 0.55 + (0.6 * ValueNoise.Sample(texSeed, f.X / 1.1, f.Y / 1.1)) + (0.35 * ValueNoise.Sample(texSeed ^ 0xABCDEF, f.X / 3.2, f.Y / 3.2));
                        }

                        attenuation[i] += (float)((MuCortical * (o - t)) + (MuTrabecular * t * tex));
                        if (o > 1.0)
                        {
                            boneMask[i] = 255;
                        }

                        outer[i] = 0;
                        inner[i] = 0;
                    }

                    f += stepX;
                }
            }

            g = end + 1;
        }

        var xray = new byte[n];
        double sigma = p.XrayNoiseSigma;
        ulong noiseSeed = p.TextureSeed ^ 0x0123_4567_89AB_CDEFUL;
        for (int i = 0; i < n; i++)
        {
            double v = 1 - Math.Exp(-p.XrayExposure * attenuation[i]);
            double level = 255 * (XrayBackground + ((1 - XrayBackground) * v));
            if (sigma > 0)
            {
                level += sigma * ValueNoise.PixelGaussian(noiseSeed, i);
            }

            xray[i] = (byte)Math.Clamp((int)(level + 0.5), 0, 255);
        }

        return xray;
    }

    private static byte[] RenderPhoto(FootModel model, FootTransform transform, FootParameters p, int size, float[] distance, float[] height, float[] nail, byte[] mask)
    {
        int n = size * size;
        double k = transform.PixelsPerMm;
        double az = p.LightAzimuthDegrees * (Math.PI / 180.0);
        double el = p.LightElevationDegrees * (Math.PI / 180.0);
        double lx = Math.Cos(el) * Math.Cos(az), ly = -Math.Cos(el) * Math.Sin(az), lz = Math.Sin(el);
        const double Ambient = 0.55;
        double flat = Ambient + (p.LightStrength * lz);

        // Shadow cast on the floor, opposite the light; its length shrinks as the light rises.
        double shadowPx = size * 0.025 * Math.Cos(el) / Math.Max(Math.Sin(el), 0.3);
        int sdx = (int)Math.Round(-lx / Math.Max(Math.Cos(el), 1e-6) * shadowPx);
        int sdy = (int)Math.Round(-ly / Math.Max(Math.Cos(el), 1e-6) * shadowPx);

        var rgb = new float[n * 3];
        double skinR = p.SkinR, skinG = p.SkinG, skinB = p.SkinB;
        double skinLuma = FootPhantom.Luma(p.SkinR, p.SkinG, p.SkinB);

        // Nails are paler than skin on every tone; on dark skin the contrast is larger.
        double nailMix = 0.35 + (0.25 * (1 - (skinLuma / 255)));
        double nailR = skinR + ((236 - skinR) * nailMix), nailG = skinG + ((208 - skinG) * nailMix), nailB = skinB + ((200 - skinB) * nailMix);
        var stepX = transform.StepX;
        var stepY = transform.StepY;
        ulong seed = p.TextureSeed;
        double texScale = 256.0 / size;
        for (int y = 0; y < size; y++)
        {
            var f = transform.ToFoot(0.5, y + 0.5);
            for (int x = 0; x < size; x++, f += stepX)
            {
                int i = (y * size) + x;
                double bgR = 0, bgG = 0, bgB = 0;
                double cover = mask[i] / 255.0;
                if (p.Background != BackgroundKind.Black && cover < 1)
                {
                    Background(p, seed, x * texScale, y * texScale, size * texScale, out bgR, out bgG, out bgB);
                    int sx = x - sdx, sy = y - sdy;
                    if ((uint)sx < (uint)size && (uint)sy < (uint)size)
                    {
                        double sd = distance[(sy * size) + sx];
                        double shadow = Math.Clamp((6 - sd) / 12, 0, 1) * 0.45 * p.LightStrength;
                        bgR *= 1 - shadow;
                        bgG *= 1 - shadow;
                        bgB *= 1 - shadow;
                    }
                }

                if (cover <= 0)
                {
                    rgb[i * 3] = (float)bgR;
                    rgb[(i * 3) + 1] = (float)bgG;
                    rgb[(i * 3) + 2] = (float)bgB;
                    continue;
                }

                // Normal from the skin height field (central differences, slope in mm per mm).
                double hl = height[i - (x > 0 ? 1 : 0)], hr = height[i + (x < size - 1 ? 1 : 0)];
                double hu = height[i - (y > 0 ? size : 0)], hd = height[i + (y < size - 1 ? size : 0)];
                double gx = (hr - hl) * 0.5 * k, gy = (hd - hu) * 0.5 * k;
                double inv = 1 / Math.Sqrt((gx * gx) + (gy * gy) + 1);
                double nx = -gx * inv, ny = -gy * inv, nz = inv;
                double diffuse = Math.Max(0, (nx * lx) + (ny * ly) + (nz * lz));
                double shade = (Ambient + (p.LightStrength * diffuse)) / flat;

                // Crevices: the skin darkens where it turns under (outline, toe gaps).
                double depth = -distance[i];
                double cavity = 0.78 + (0.22 * Math.Clamp(depth / 2.5, 0, 1));
                double mottle = 0.97 + (0.05 * ValueNoise.Sample(seed ^ 0x51, f.X / 7, f.Y / 7)) + (0.02 * ValueNoise.Sample(seed ^ 0x52, f.X / 1.5, f.Y / 1.5));
                double r = skinR * mottle, gg = skinG * mottle, b = skinB * mottle;
                double nc = nail[i];
                double spec = 0;
                if (nc > 0)
                {
                    r += (nailR - r) * nc;
                    gg += (nailG - gg) * nc;
                    b += (nailB - b) * nc;

                    // Nails are glossy: a Blinn highlight with the viewer straight above.
                    double hx = lx, hy = ly, hz = lz + 1;
                    double hn = 1 / Math.Sqrt((hx * hx) + (hy * hy) + (hz * hz));
                    double ndoth = Math.Max(0, ((nx * hx) + (ny * hy) + (nz * hz)) * hn);
                    double s2 = ndoth * ndoth, s4 = s2 * s2, s8 = s4 * s4;
                    spec = nc * 70 * p.LightStrength * s8 * s8;
                }

                double m = shade * cavity;
                r = (r * m) + spec;
                gg = (gg * m) + spec;
                b = (b * m) + spec;
                rgb[i * 3] = (float)(bgR + ((r - bgR) * cover));
                rgb[(i * 3) + 1] = (float)(bgG + ((gg - bgG) * cover));
                rgb[(i * 3) + 2] = (float)(bgB + ((b - bgB) * cover));
            }
        }

        double blur = p.CameraBlurSigma * size / 256.0;
        if (blur >= 0.3)
        {
            GaussianBlur(rgb, size, blur);
        }

        var photo = new byte[n * 3];
        double sigma = p.CameraNoiseSigma;
        ulong noiseSeed = seed ^ 0x7777_0000_1111_2222UL;
        for (int i = 0; i < n * 3; i++)
        {
            double v = rgb[i];
            if (sigma > 0)
            {
                v += sigma * ValueNoise.PixelGaussian(noiseSeed, i);
            }

            photo[i] = (byte)Math.Clamp((int)(v + 0.5), 0, 255);
        }

        return photo;
    }

    /// <summary>Background colour at (x, y) in 256-pixel units, so the texture scales with the image.</summary>
    private static void Background(FootParameters p, ulong seed, double x, double y, double extent, out double r, out double g, out double b)
    {
        double cx = (x / extent) - 0.5, cy = (y / extent) - 0.5;

        // A soft falloff from a light pool; plain backdrops are never perfectly flat in photos.
        double falloff = 1.0 - (0.22 * ((cx * cx) + (cy * cy)) * 2);
        double m = falloff;
        if (p.Background == BackgroundKind.Textured)
        {
            // Floorboards or paper: grain stretched along one axis plus fine speckle.
            bool boards = (seed & 1) == 0;
            double grain = boards
                ? ValueNoise.Sample(seed ^ 0x33, x / 40, y / 2.5) + (0.5 * ValueNoise.Sample(seed ^ 0x44, x / 9, y / 1.2))
                : ValueNoise.Sample(seed ^ 0x33, x / 6, y / 6) + (0.5 * ValueNoise.Sample(seed ^ 0x44, x / 1.5, y / 1.5));
            m *= 0.8 + (0.27 * grain);
            if (boards)
            {
                double plank = (y + (ValueNoise.Lattice(seed, (long)Math.Floor(x / 90), 0) * 30)) % 34;
                if (plank < 1.2)
                {
                    m *= 0.72;
                }
            }
        }

        r = p.BackgroundR * m;
        g = p.BackgroundG * m;
        b = p.BackgroundB * m;
    }

    private static void GaussianBlur(float[] rgb, int size, double sigma)
    {
        int radius = (int)Math.Ceiling(sigma * 2.5);
        var kernel = new float[(2 * radius) + 1];
        double sum = 0;
        for (int j = -radius; j <= radius; j++)
        {
            double w = Math.Exp(-(j * j) / (2 * sigma * sigma));
            kernel[j + radius] = (float)w;
            sum += w;
        }

        for (int j = 0; j < kernel.Length; j++)
        {
            kernel[j] = (float)(kernel[j] / sum);
        }

        var tmp = new float[rgb.Length];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    float acc = 0;
                    for (int j = -radius; j <= radius; j++)
                    {
                        int xx = Math.Clamp(x + j, 0, size - 1);
                        acc += kernel[j + radius] * rgb[(((y * size) + xx) * 3) + c];
                    }

                    tmp[(((y * size) + x) * 3) + c] = acc;
                }
            }
        }

        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    float acc = 0;
                    for (int j = -radius; j <= radius; j++)
                    {
                        int yy = Math.Clamp(y + j, 0, size - 1);
                        acc += kernel[j + radius] * tmp[(((yy * size) + x) * 3) + c];
                    }

                    rgb[(((y * size) + x) * 3) + c] = acc;
                }
            }
        }
    }

    /// <summary>Pixel bounding box (inclusive, clipped) of a foot-frame box.</summary>
    private static (int X0, int Y0, int X1, int Y1) ImageBounds(FootTransform t, double minU, double maxU, double minV, double maxV, int size)
    {
        var a = t.ToImage(new Vec2(minU, minV));
        var b = t.ToImage(new Vec2(maxU, minV));
        var c = t.ToImage(new Vec2(minU, maxV));
        var d = t.ToImage(new Vec2(maxU, maxV));
        int x0 = (int)Math.Floor(Math.Min(Math.Min(a.X, b.X), Math.Min(c.X, d.X))) - 1;
        int x1 = (int)Math.Ceiling(Math.Max(Math.Max(a.X, b.X), Math.Max(c.X, d.X))) + 1;
        int y0 = (int)Math.Floor(Math.Min(Math.Min(a.Y, b.Y), Math.Min(c.Y, d.Y))) - 1;
        int y1 = (int)Math.Ceiling(Math.Max(Math.Max(a.Y, b.Y), Math.Max(c.Y, d.Y))) + 1;
        return (Math.Clamp(x0, 0, size - 1), Math.Clamp(y0, 0, size - 1), Math.Clamp(x1, 0, size - 1), Math.Clamp(y1, 0, size - 1));
    }
}
