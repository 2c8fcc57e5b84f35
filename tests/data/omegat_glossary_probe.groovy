// Run by OmegaT in console mode (--script) when the project is loaded: loads
// every file of the project's glossary folder as OmegaT's glossary pane does
// (GlossaryManager picks the reader by the file's extension), once per target
// language named in OMEGAT_PROBE_TARGETS, and writes what OmegaT read as JSON
// to OMEGAT_PROBE_OUT: {target: {file name: [[source, target, comment], ...]
// or null when OmegaT does not read that file}}.
import groovy.json.JsonOutput
import org.omegat.core.Core
import org.omegat.gui.glossary.GlossaryManager

if (eventType.toString() == "LOAD") {
    def properties = Core.getProject().getProjectProperties()
    def manager = new GlossaryManager(null)
    manager.priorityGlossary = new File(properties.getWriteableGlossary())
    def result = [:]
    System.getenv("OMEGAT_PROBE_TARGETS").split(",").each { target ->
        properties.setTargetLanguage(target)
        def files = [:]
        new File(properties.getGlossaryRoot()).listFiles().sort { it.name }.each { file ->
            def entries = manager.loadGlossaryFile(file)
            files[file.name] = entries == null ? null : entries.collect {
                [it.getSrcText(), it.getLocText(), it.getCommentText()]
            }
        }
        result[target] = files
    }
    new File(System.getenv("OMEGAT_PROBE_OUT")).write(JsonOutput.toJson(result), "UTF-8")
}
