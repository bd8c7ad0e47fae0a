using SccDm.Realtime.App.Kiosk;
using SccDm.Realtime.Native.Glfw;
using SccDm.Realtime.Sampling;

namespace SccDm.Realtime.App.Tests.Kiosk;

public sealed class KioskInputTests
{
    private static KioskAction Press(int key, KioskControls controls, KioskScene scene) => KioskInput.HandleKey(key, Glfw.Press, controls, scene);

    [Fact]
    public void Keys_change_the_kiosk_state()
    {
        var controls = new KioskControls(new SamplerOptions());
        var scene = new KioskScene();

        Press(Glfw.KeySpace, controls, scene);
        Assert.True(controls.Frozen);
        Press(Glfw.KeySpace, controls, scene);
        Assert.False(controls.Frozen);

        Press(Glfw.KeyR, controls, scene);
        Assert.True(controls.Recording);

        Press(Glfw.Key7, controls, scene);
        Assert.Equal(7, controls.Sampler.Steps);
        Press(Glfw.Key1, controls, scene);
        Assert.Equal(1, controls.Sampler.Steps);

        Press(Glfw.KeyS, controls, scene);
        Assert.Equal(SamplerVariant.Sag, controls.Sampler.Variant);
        Press(Glfw.KeyS, controls, scene);
        Assert.Equal(SamplerVariant.Paper, controls.Sampler.Variant);

        Assert.True(scene.HudVisible);
        Press(Glfw.KeyH, controls, scene);
        Assert.False(scene.HudVisible);

        Press(Glfw.KeySlash, controls, scene);
        Assert.True(scene.HelpVisible);

        Assert.Equal(KioskAction.ToggleFullscreen, Press(Glfw.KeyF, controls, scene));
        Assert.Equal(KioskAction.Quit, Press(Glfw.KeyEscape, controls, scene));
        Assert.Equal(KioskAction.Quit, Press(Glfw.KeyQ, controls, scene));
    }

    [Fact]
    public void Releases_and_repeats_do_nothing()
    {
        var controls = new KioskControls(new SamplerOptions());
        var scene = new KioskScene();
        KioskInput.HandleKey(Glfw.KeySpace, Glfw.Release, controls, scene);
        KioskInput.HandleKey(Glfw.KeySpace, Glfw.Repeat, controls, scene);
        Assert.False(controls.Frozen);
        Assert.Equal(KioskAction.None, KioskInput.HandleKey(Glfw.KeyEscape, Glfw.Release, controls, scene));
    }

    [Fact]
    public void Same_steps_key_keeps_the_same_options_object()
    {
        // The synthesis thread restarts from noise when the options object changes; pressing the current step count must not.
        var controls = new KioskControls(new SamplerOptions { Steps = 4 });
        var before = controls.Sampler;
        Press(Glfw.Key4, controls, new KioskScene());
        Assert.Same(before, controls.Sampler);
    }
}
