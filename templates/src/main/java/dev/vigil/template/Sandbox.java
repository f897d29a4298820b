package dev.vigil.template;

import java.util.Set;

/**
 * What templates may not call or read, on top of Jinjava's own restrictions (which already refuse
 * {@code getClass()} and reflective results): reflection and class loading, process and thread
 * control, and every method that mutates a collection, since Prefect's sandbox is immutable.
 */
final class Sandbox {

    static final Set<String> RESTRICTED_METHODS = Set.of(
            "getClass", "forName", "getClassLoader", "loadClass", "newInstance", "getDeclaredConstructor",
            "getConstructor", "getConstructors", "getDeclaredConstructors", "getMethod", "getMethods",
            "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField",
            "getDeclaredFields", "invoke", "getModule", "getProtectionDomain", "getRuntime", "exec", "exit", "halt",
            "load", "loadLibrary", "getProperty", "getProperties", "getenv", "setProperty", "start", "run", "join",
            "interrupt", "wait", "notify", "notifyAll",
            "put", "putAll", "putIfAbsent", "remove", "removeAll", "removeIf", "retainAll", "clear", "add", "addAll",
            "append", "extend", "insert", "pop", "popitem", "update", "setdefault", "replace", "replaceAll", "sort",
            "reverse", "set", "setValue", "compute", "computeIfAbsent", "computeIfPresent", "merge", "iterator",
            "spliterator", "stream", "parallelStream", "toArray", "subList", "entrySet");

    static final Set<String> RESTRICTED_PROPERTIES = Set.of(
            "class", "classLoader", "declaringClass", "module", "protectionDomain", "runtime");

    private Sandbox() {
    }
}
