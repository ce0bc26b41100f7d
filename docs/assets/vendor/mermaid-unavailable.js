/* Mermaid diagrams are not offered on this intranet site. */
window.console && console.warn("本站未提供 Mermaid 图表组件。");
