package blogsearch.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * A model's ONNX graph in one session, turning token sequences into unit-length vectors. Thread-safe: each call
 * runs on its caller's thread alone, so callers choose the parallelism (a background pool of one thread per core
 * for posts, the request's own thread for a query) and nothing spins or oversubscribes the cores.
 */
final class Encoder implements AutoCloseable {
    private final Model model;
    private final OrtSession session;

    Encoder(Model model) {
        this.model = model;
        NativeLibraries.prepare();
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = env.createSession(model.graphBytes(), options);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load model " + model.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The vector of one sequence ([CLS] ... [SEP], at most the model's length), of length 1. Sequences run one at
     * a time: the quantized graph scales its activations over its whole input, so in a padded batch a post's vector
     * would depend on its neighbours, and on a CPU a batch is no faster per token.
     */
    float[] encode(long[] sequence) {
        if (sequence.length > model.maxTokens()) {
            throw new IllegalArgumentException("a sequence of " + sequence.length + " tokens is longer than model "
                    + model.id() + " takes (" + model.maxTokens() + ")");
        }
        long[] mask = new long[sequence.length];
        java.util.Arrays.fill(mask, 1L);
        long[] shape = {1, sequence.length};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(sequence), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OnnxTensor typeTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[sequence.length]), shape);
                OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                        "token_type_ids", typeTensor))) {
            return unit(pool(((float[][][]) result.get(0).getValue())[0]));
        } catch (OrtException e) {
            throw new IllegalStateException("model " + model.id() + " failed: " + e.getMessage(), e);
        }
    }

    private float[] pool(float[][] tokens) {
        if (model.pooling() == Model.Pooling.CLS) {
            return tokens[0];
        }
        float[] mean = new float[tokens[0].length];
        for (float[] token : tokens) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += token[d];
            }
        }
        return mean;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = v[d] * scale;
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
