package blogsearch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * One vector per document in a Lucene HNSW index in memory, stored in full or scalar-quantized, merged into one
 * segment: what an approximate search and a smaller encoding cost in ranking quality, and the index's size.
 */
final class KnnIndex implements AutoCloseable {
    private static final String VECTOR = "vector";
    private static final String ORDINAL = "ordinal";
    private static final int CANDIDATES = 100;

    /** The vector encodings compared. */
    enum Encoding {
        FLOAT32("float32"), INT8("int8"), INT4("int4");

        final String label;

        Encoding(String label) {
            this.label = label;
        }

        KnnVectorsFormat format() {
            int maxConn = Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
            int beam = Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;
            // A graph even for small collections (Lucene searches tiny segments exhaustively by default).
            return switch (this) {
                case FLOAT32 -> new Lucene99HnswVectorsFormat(maxConn, beam, 1, null, 0);
                case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, maxConn, beam,
                        1, null, 0);
                case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, maxConn, beam,
                        1, null, 0);
            };
        }
    }

    private final Directory dir = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final java.util.SortedMap<String, Long> bytes = new java.util.TreeMap<>();

    KnnIndex(float[][] vectors, Encoding encoding) {
        try {
            IndexWriterConfig config = new IndexWriterConfig().setCodec(new Lucene104Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return encoding.format();
                }
            }).setUseCompoundFile(false);
            config.getMergePolicy().setNoCFSRatio(0);
            try (IndexWriter w = new IndexWriter(dir, config)) {
                for (int i = 0; i < vectors.length; i++) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField(VECTOR, vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
                    doc.add(new StoredField(ORDINAL, i));
                    w.addDocument(doc);
                }
                w.forceMerge(1);
            }
            for (String file : dir.listAll()) {
                bytes.merge(file.substring(file.lastIndexOf('.') + 1), dir.fileLength(file), Long::sum);
            }
            reader = DirectoryReader.open(dir);
            searcher = new IndexSearcher(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes on disk by file extension (raw vectors, quantized vectors, graph, and the stored fields' files). */
    java.util.SortedMap<String, Long> bytes() {
        return bytes;
    }

    /** The ordinals of the {@code k} nearest documents, nearest first, of the hundred a search would fuse. */
    int[] nearest(float[] query, int k) {
        try {
            ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(VECTOR, query, CANDIDATES), k).scoreDocs;
            int[] out = new int[hits.length];
            for (int i = 0; i < hits.length; i++) {
                out[i] = searcher.storedFields().document(hits[i].doc).getField(ORDINAL).numericValue().intValue();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            dir.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
