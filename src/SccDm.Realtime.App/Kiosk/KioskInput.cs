using SccDm.Realtime.Native.Glfw;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Kiosk;

/// <summary>The kiosk's keys, as pure state changes (testable without a window).</summary>
internal static class KioskInput
{
    /// <summary>Applies a GLFW key event; returns what the window loop must do.</summary>
    public static KioskAction HandleKey(int key, int action, KioskControls controls, KioskScene scene)
    {
        if (action != Glfw.Press)
        {
            return KioskAction.None;
        }

        switch (key)
        {
            case Glfw.KeyEscape:
            case Glfw.KeyQ:
                return KioskAction.Quit;
            case Glfw.KeyF:
            case Glfw.KeyF11:
                return KioskAction.ToggleFullscreen;
            case Glfw.KeySpace:
                controls.Frozen = !controls.Frozen;
                return KioskAction.None;
            case Glfw.KeyR:
                controls.Recording = !controls.Recording;
                return KioskAction.None;
            case Glfw.KeyH:
                scene.HudVisible = !scene.HudVisible;
                return KioskAction.None;
            case Glfw.KeySlash:
                // '?' is Shift+/ on US keyboards; either toggles the help.
                scene.HelpVisible = !scene.HelpVisible;
                return KioskAction.None;
            case Glfw.KeyS:
            {
                var sampler = controls.Sampler;
                controls.Sampler = sampler with { Variant = sampler.Variant == SamplerVariant.Paper ? SamplerVariant.Sag : SamplerVariant.Paper };
                return KioskAction.None;
            }

            case >= Glfw.Key1 and <= Glfw.Key9:
            {
                int steps = key - Glfw.Key0;
                var sampler = controls.Sampler;
                if (sampler.Steps != steps)
                {
                    controls.Sampler = sampler with { Steps = steps, WarmStartIndex = null };
                }

                return KioskAction.None;
            }

            default:
                return KioskAction.None;
        }
    }
}
