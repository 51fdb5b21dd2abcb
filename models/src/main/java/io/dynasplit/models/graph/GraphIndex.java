package io.dynasplit.models.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.dynasplit.models.graph.ModelGraphException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The structure of a top-level ONNX graph: a topological order of its nodes, what each node reads
 * (its inputs plus the outer-scope names its If/Loop/Scan subgraphs use), and which nodes only
 * compute constants.
 *
 * <p>A node is <em>constant</em> when it is a {@code Constant}, or a deterministic standard
 * operator without subgraphs whose inputs are all initializers or constants (a {@code Reshape} of a
 * weight, say). Constants are never sent across a split: each side gets its own copy of the
 * constant nodes it needs. The other nodes are <em>compute</em> nodes, and split positions count
 * those only.
 */
final class GraphIndex {

  private static final Set<String> NONDETERMINISTIC =
      Set.of(
          "RandomNormal",
          "RandomUniform",
          "RandomNormalLike",
          "RandomUniformLike",
          "Multinomial",
          "Bernoulli",
          "Dropout");

  private final GraphProto graph;
  private final List<Integer> order;
  private final List<Integer> rank;
  private final List<Set<String>> reads;
  private final boolean[] constant;
  private final List<Integer> compute;
  private final Set<String> initializers;
  private final Set<String> constantTensors;
  private final Map<String, Integer> producerNode;
  private final List<String> graphInputs;
  private final List<String> graphOutputs;

  private GraphIndex(String modelId, GraphProto graph) {
    this.graph = graph;
    int n = graph.getNodeCount();
    initializers = new HashSet<>();
    for (TensorProto t : graph.getInitializerList()) {
      initializers.add(t.getName());
    }
    for (SparseTensorProto t : graph.getSparseInitializerList()) {
      initializers.add(t.getValues().getName());
    }
    List<String> inputs = new ArrayList<>();
    for (ValueInfoProto v : graph.getInputList()) {
      if (!initializers.contains(v.getName())) {
        inputs.add(v.getName());
      }
    }
    graphInputs = List.copyOf(inputs);
    List<String> outputs = new ArrayList<>();
    for (ValueInfoProto v : graph.getOutputList()) {
      outputs.add(v.getName());
    }
    graphOutputs = List.copyOf(outputs);

    producerNode = new HashMap<>();
    reads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      NodeProto node = graph.getNode(i);
      for (String out : node.getOutputList()) {
        if (out.isEmpty()) {
          continue;
        }
        Integer prev = producerNode.put(out, i);
        if (prev != null || initializers.contains(out) || graphInputs.contains(out)) {
          throw new ModelGraphException(
              Reason.INVALID_GRAPH,
              "model '" + modelId + "': tensor '" + out + "' is produced more than once");
        }
      }
      reads.add(Collections.unmodifiableSet(reads(node)));
    }
    Set<String> available = new HashSet<>(initializers);
    available.addAll(graphInputs);
    available.addAll(producerNode.keySet());
    for (int i = 0; i < n; i++) {
      for (String name : reads.get(i)) {
        if (!available.contains(name)) {
          throw new ModelGraphException(
              Reason.INVALID_GRAPH,
              "model '"
                  + modelId
                  + "': node '"
                  + label(i)
                  + "' reads tensor '"
                  + name
                  + "', which nothing produces");
        }
      }
    }
    for (String out : graphOutputs) {
      if (!available.contains(out)) {
        throw new ModelGraphException(
            Reason.INVALID_GRAPH,
            "model '" + modelId + "': graph output '" + out + "' is never produced");
      }
    }
    order = List.copyOf(sort(modelId, n));
    Integer[] r = new Integer[n];
    for (int p = 0; p < n; p++) {
      r[order.get(p)] = p;
    }
    rank = List.of(r);

    constant = new boolean[n];
    constantTensors = new HashSet<>();
    Set<String> outputSet = new HashSet<>(graphOutputs);
    List<Integer> comp = new ArrayList<>();
    for (int node : order) {
      if (isConstant(graph.getNode(node), reads.get(node), outputSet)) {
        constant[node] = true;
        for (String out : graph.getNode(node).getOutputList()) {
          if (!out.isEmpty()) {
            constantTensors.add(out);
          }
        }
      } else {
        comp.add(node);
      }
    }
    compute = List.copyOf(comp);
  }

  /** Indexes the model's main graph; throws {@link ModelGraphException} if it is malformed. */
  public static GraphIndex of(String modelId, GraphProto graph) {
    return new GraphIndex(modelId, graph);
  }

  /** The graph indexed. */
  public GraphProto graph() {
    return graph;
  }

  /** Node indices (into the graph's node list) of the compute nodes, in topological order. */
  public List<Integer> computeNodes() {
    return compute;
  }

  /** Whether the node at this graph index is a constant node. */
  public boolean isConstantNode(int node) {
    return constant[node];
  }

  /** Position of a node (graph index) in the topological order of all nodes. */
  public int rank(int node) {
    return rank.get(node);
  }

  /** What a node reads: its non-empty inputs and the outer-scope names of its subgraphs. */
  public Set<String> reads(int node) {
    return reads.get(node);
  }

  /** Whether a name is an initializer (dense or sparse) of the main graph. */
  public boolean isInitializer(String name) {
    return initializers.contains(name);
  }

  /** Whether a tensor is produced by a constant node. */
  public boolean isConstantTensor(String name) {
    return constantTensors.contains(name);
  }

  /** The graph node that produces a tensor, or -1 for graph inputs and initializers. */
  public int producer(String name) {
    return producerNode.getOrDefault(name, -1);
  }

  /** The graph's real inputs (initializers listed as inputs by old IR versions left out). */
  public List<String> graphInputs() {
    return graphInputs;
  }

  /** The graph's outputs, in order. */
  public List<String> graphOutputs() {
    return graphOutputs;
  }

  /**
   * The constant nodes a set of nodes needs, directly or through other constants, as graph indices.
   */
  public Set<Integer> constantsNeededBy(Iterable<Integer> nodes) {
    Set<Integer> needed = new LinkedHashSet<>();
    List<Integer> work = new ArrayList<>();
    for (int node : nodes) {
      work.add(node);
    }
    while (!work.isEmpty()) {
      int node = work.remove(work.size() - 1);
      for (String name : reads.get(node)) {
        if (constantTensors.contains(name)) {
          int p = producerNode.get(name);
          if (needed.add(p)) {
            work.add(p);
          }
        }
      }
    }
    return needed;
  }

  /** A readable label of a node: its name, or its op type and first output. */
  public String label(int node) {
    NodeProto n = graph.getNode(node);
    if (!n.getName().isEmpty()) {
      return n.getName();
    }
    return n.getOpType() + (n.getOutputCount() > 0 ? " -> " + n.getOutput(0) : "");
  }

  private boolean isConstant(NodeProto node, Set<String> reads, Set<String> graphOutputs) {
    for (String out : node.getOutputList()) {
      if (graphOutputs.contains(out)) {
        return false;
      }
    }
    boolean standard = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
    if (!standard || NONDETERMINISTIC.contains(node.getOpType())) {
      return false;
    }
    if (reads.isEmpty()) {
      return node.getOpType().equals("Constant");
    }
    for (AttributeProto a : node.getAttributeList()) {
      if (a.hasG() || a.getGraphsCount() > 0) {
        return false;
      }
    }
    for (String name : reads) {
      if (!initializers.contains(name) && !constantTensors.contains(name)) {
        return false;
      }
    }
    return true;
  }

  private List<Integer> sort(String modelId, int n) {
    // Kahn's algorithm; ties go to the lower original index, so a sorted graph keeps its order
    int[] missing = new int[n];
    List<List<Integer>> users = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      users.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      Set<Integer> deps = new HashSet<>();
      for (String name : reads.get(i)) {
        Integer p = producerNode.get(name);
        if (p != null && p != i) {
          deps.add(p);
        } else if (p != null) {
          throw new ModelGraphException(
              Reason.INVALID_GRAPH,
              "model '"
                  + modelId
                  + "': node '"
                  + label(i)
                  + "' reads its own output '"
                  + name
                  + "'");
        }
      }
      missing[i] = deps.size();
      for (int d : deps) {
        users.get(d).add(i);
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (missing[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> sorted = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int node = ready.poll();
      sorted.add(node);
      for (int u : users.get(node)) {
        if (--missing[u] == 0) {
          ready.add(u);
        }
      }
    }
    if (sorted.size() != n) {
      for (int i = 0; i < n; i++) {
        if (missing[i] > 0) {
          throw new ModelGraphException(
              Reason.INVALID_GRAPH,
              "model '" + modelId + "' has a cycle through node '" + label(i) + "'");
        }
      }
    }
    return sorted;
  }

  private static Set<String> reads(NodeProto node) {
    Set<String> names = new LinkedHashSet<>();
    for (String in : node.getInputList()) {
      if (!in.isEmpty()) {
        names.add(in);
      }
    }
    for (AttributeProto a : node.getAttributeList()) {
      if (a.hasG()) {
        names.addAll(freeNames(a.getG()));
      }
      for (GraphProto g : a.getGraphsList()) {
        names.addAll(freeNames(g));
      }
    }
    return names;
  }

  /** Names a subgraph uses but does not define: the outer-scope values it reads. */
  static Set<String> freeNames(GraphProto g) {
    Set<String> defined = new HashSet<>();
    for (ValueInfoProto v : g.getInputList()) {
      defined.add(v.getName());
    }
    for (TensorProto t : g.getInitializerList()) {
      defined.add(t.getName());
    }
    for (SparseTensorProto t : g.getSparseInitializerList()) {
      defined.add(t.getValues().getName());
    }
    for (NodeProto n : g.getNodeList()) {
      defined.addAll(n.getOutputList());
    }
    Set<String> free = new LinkedHashSet<>();
    for (NodeProto n : g.getNodeList()) {
      for (String name : reads(n)) {
        if (!defined.contains(name)) {
          free.add(name);
        }
      }
    }
    for (ValueInfoProto v : g.getOutputList()) {
      if (!defined.contains(v.getName())) {
        free.add(v.getName());
      }
    }
    return free;
  }
}
