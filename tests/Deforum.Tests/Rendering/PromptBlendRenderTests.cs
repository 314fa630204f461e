using Deforum.Models;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Rendering;
using Deforum.Sampling;
using Deforum.Settings;
using Deforum.Testing;
using Deforum.Tests.Models.Clip;
using Deforum.Torch;
using Xunit;
using TinySd = Deforum.Tests.Models.TinyModel;

namespace Deforum.Tests.Rendering;

/// <summary>Prompt blend windows and slerp through the renderers and the generation step (stand-in and tiny golden model).</summary>
public sealed class PromptBlendRenderTests : IDisposable
{
    readonly Lazy<StableDiffusion> _model = new(() =>
        StableDiffusion.Load(TinySd.Config(), TinySd.SafetensorsPath, ClipTestVocabulary.Tokenizer(), TestDevice.Current));

    static PreparedRun Prepare(string json) =>
        RunPreparation.Prepare(SettingsFile.Read(json).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    StableDiffusion Model()
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        return _model.Value;
    }

    /// <summary>Distinct, non-parallel c per text (so slerp and the linear blend differ); records each init_c.</summary>
    sealed class EncodingGenerator : IFrameGenerator, IDisposable
    {
        public Device Device => Device.Cpu;
        public List<Tensor> InitCs { get; } = [];

        public Tensor Generate(GenerationRequest request, CancellationToken cancellationToken)
        {
            InitCs.Add(DisposeScope.Detach(request.InitC!.Clone()));
            return Tensor.Zeros([1, 3, 64, 64]);
        }

        public Tensor EncodePrompt(FramePrompt prompt) =>
            Tensor.From<float>([.. Enumerable.Range(0, 77 * 4).Select(i => MathF.Sin(i * (prompt.Text.Length + 1)))], [1, 77, 4]);

        public void Dispose()
        {
            foreach (var c in InitCs) c.Dispose();
        }
    }

    [Theory]
    [InlineData("Linear")]
    [InlineData("Slerp")]
    public void Interpolation_conditions_each_frame_on_the_planned_blend_of_its_keys(string method)
    {
        var run = Prepare($$"""
            { "W": 64, "H": 64, "animation_mode": "Interpolation", "interpolate_x_frames": 2, "prompt_blend_method": "{{method}}",
              "prompts": { "0": "ab", "3": "abcdef" } }
            """);
        var plan = RenderPlanner.Plan(run);
        using var generator = new EncodingGenerator();
        using var sink = new MemorySink();
        using var scope = DisposeScope.Begin();

        new InterpolationRenderer(run, generator, sink).Render(plan);

        var (a, b) = (generator.EncodePrompt(plan.Frames[0].Prompt!), generator.EncodePrompt(plan.Frames[1].Prompt!));
        var expected = new[] { 0.0, 1 / 3.0, 2 / 3.0 }.Select(w => ConditioningBlend.Blend(a, b, w, Enum.Parse<ConditioningBlendMethod>(method))).Append(b);
        Assert.Equal(expected.Select(c => c.ToArray<float>()), generator.InitCs.Select(c => c.ToArray<float>()));
        Assert.NotEqual(ConditioningBlend.Slerp(a, b, 0.5).ToArray<float>(), ConditioningBlend.Linear(a, b, 0.5).ToArray<float>());
    }

    [Fact]
    public void The_render_loop_hands_each_frame_its_planned_window()
    {
        var run = Prepare("""
            { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 6, "prompt_blend_window": 2, "prompts": { "0": "a", "4": "b" } }
            """);
        var plan = RenderPlanner.Plan(run);
        using var generator = new ReplayGenerator([DisposeScope.Detach(Tensor.Zeros([1, 3, 64, 64]))], Device.Cpu);
        using var sink = new MemorySink();

        new AnimationRenderer(run, generator, sink).Render(plan);

        Assert.Equal(plan.Frames.Select(f => f.PromptWindow), generator.Requests.Select(r => r.PromptWindow));
        Assert.Equal(2, generator.Requests.Count(r => r.PromptWindow is not null));
    }

    static GenerationRequest Request(PreparedRun run, Generator hostRandom, FramePrompt prompt, PromptWindow? window = null, Tensor? initC = null) =>
        new(0, prompt, run.Settings.Generation.Seed, 0, 0, null, null, null, hostRandom.ManualSeed(run.Settings.Generation.Seed),
            InitC: initC, PromptWindow: window);

    [SkippableTheory]
    [InlineData("Linear")]
    [InlineData("Slerp")]
    public void A_window_frame_is_generated_from_the_blend_of_both_prompts_conditionings(string method)
    {
        var model = Model();
        var run = Prepare("""{ "animation_mode": "2D", "W": 64, "H": 64, "steps": 3, "sampler": "euler", "seed": 4 }""");
        var g = run.Settings.Generation;
        var (apple, pear) = (PromptResolver.Resolve("a red apple", "", 0, g, "prompt"), PromptResolver.Resolve("a green pear", "", 0, g, "prompt"));
        var window = new PromptWindow(0, 4, pear, 0.25, Enum.Parse<ConditioningBlendMethod>(method));
        using var generator = new StableDiffusionGenerator(model, run);
        using var hostRandom = new Generator(0);
        using var scope = DisposeScope.Begin();

        var blended = generator.Generate(Request(run, hostRandom, apple, window), CancellationToken.None).ToArray<float>();

        // both prompts share uc = E(""), so the window is the blended c as init_c
        var c = ConditioningBlend.Blend(generator.EncodePrompt(apple), generator.EncodePrompt(pear), 0.25, window.Method);
        Assert.Equal(generator.Generate(Request(run, hostRandom, apple, initC: c), CancellationToken.None).ToArray<float>(), blended);
        Assert.NotEqual(generator.Generate(Request(run, hostRandom, apple), CancellationToken.None).ToArray<float>(), blended);
    }

    [SkippableFact]
    public void A_window_blends_the_negative_prompts_too()
    {
        var model = Model();
        var run = Prepare("""{ "animation_mode": "2D", "W": 64, "H": 64, "steps": 3, "sampler": "euler", "seed": 4 }""");
        var g = run.Settings.Generation;
        var (from, to) = (PromptResolver.Resolve("a red apple", "", 0, g, "prompt"), PromptResolver.Resolve("a red apple", "blurry", 0, g, "prompt"));
        using var generator = new StableDiffusionGenerator(model, run);
        using var hostRandom = new Generator(0);
        using var scope = DisposeScope.Begin();
        float[] Generate(FramePrompt prompt, PromptWindow? window = null) =>
            generator.Generate(Request(run, hostRandom, prompt, window), CancellationToken.None).ToArray<float>();

        var blended = Generate(from, new PromptWindow(0, 4, to, 0.5, ConditioningBlendMethod.Linear));

        Assert.NotEqual(Generate(from), blended);
        Assert.NotEqual(Generate(to), blended);
    }

    [Fact]
    public void Each_distinct_text_is_encoded_once()
    {
        var encoded = new List<string>();
        using var embeddings = new PromptEmbeddings(text =>
        {
            encoded.Add(text);
            return Tensor.Full([1, 77, 4], text.Length);
        });

        var first = embeddings.Of("a cat");
        embeddings.Of("");
        Assert.Same(first, embeddings.Of("a cat"));

        Assert.Equal(["a cat", ""], encoded);
        Assert.Equal(2, embeddings.Count);
    }

    [Fact]
    public void Disposed_embeddings_refuse_to_encode()
    {
        var embeddings = new PromptEmbeddings(_ => Tensor.Zeros([1, 77, 4]));
        embeddings.Of("a");
        embeddings.Dispose();

        Assert.Throws<ObjectDisposedException>(() => embeddings.Of("a"));
        Assert.Equal(0, embeddings.Count);
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
