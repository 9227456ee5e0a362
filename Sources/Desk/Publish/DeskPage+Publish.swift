import CampaignCore
import Deploy
import Foundation

/// The publish page: the steps of a run as they happen and, once it ended, its report.
///
/// Without JavaScript the page shows what had happened when it was loaded (and a link to load it
/// again); `desk.js` polls `GET /api/publish/<id>` and redraws the same elements.
extension DeskPage {
    static func publishRun(_ run: PublishRun) -> String {
        let steps = run.steps.map { "<li data-phase=\"\($0.phase)\">\(escape($0.text))</li>" }.joined()
        let running = run.state == .running
        return """
            <h1>发布进度</h1>
            <section id="publish-run" data-id="\(escape(run.id))" data-state="\(run.state.rawValue)" \
            data-initial-state="\(run.state.rawValue)" aria-labelledby="steps-title">
            <p>发布人：\(escape(run.by))；开始于 \(escape(run.started))\
            \(run.target.map { "；目标：" + escape($0) } ?? "；只构建到 Output/")</p>
            <p id="publish-message" role="status">\(escape(run.message))</p>
            <h2 id="steps-title">步骤</h2>
            <ol id="publish-steps">\(steps)</ol>
            <p id="publish-reload"\(running ? "" : " hidden")><a href="/publish/\(escape(run.id))">刷新本页查看最新进度</a></p>
            <div id="publish-report">\(run.result.map(report) ?? "")</div>
            </section>
            <p><a href="/">返回待办</a></p>
            """
    }

    /// The report of an ended run: counts, the errors and warnings with file and line (the first 100 of
    /// each), the review report, the deploy.
    static func report(_ result: DeskPublisher.Result) -> String {
        var html = "<h2>报告</h2><p>错误 \(result.errors) 个，警告 \(result.warnings) 个，生成文件 \(result.files) 个。</p>"
        for (severity, heading) in [(Severity.error, "错误"), (.warning, "警告")] {
            let found = result.diagnostics.filter { $0.severity == severity }
            guard !found.isEmpty else { continue }
            html += "<h3>\(heading)</h3><ul class=\"diagnostics\">"
            for diagnostic in found.prefix(100) {
                html += "<li>\(escape(diagnostic.file)):\(diagnostic.line): \(escape(diagnostic.message))</li>"
            }
            html += "</ul>"
        }
        if !result.review.isEmpty {
            html += "<h3>三审情况</h3><pre>\(escape(result.review.joined(separator: "\n")))</pre>"
        }
        if let deploy = result.deploy {
            html +=
                "<h3>上传</h3><p>目标 \(escape(deploy.target))：上传 \(deploy.uploaded.count) 个，删除 "
                + "\(deploy.deleted.count) 个，未变 \(deploy.unchanged) 个。</p>"
        }
        return html
    }

    /// The part of `desk.js` that keeps the publish page up to date: it asks for the run every 0.6 s
    /// while it runs and redraws the message, the steps and at the end the report.
    static let publishScript = """
        var run=document.getElementById('publish-run');
        function esc(s){return String(s).replace(/[&<>"']/g,function(c){
          return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
        function report(r){
          var h='<h2>报告</h2><p>错误 '+r.errors+' 个，警告 '+r.warnings+' 个，生成文件 '+r.files+' 个。</p>';
          [['error','错误'],['warning','警告']].forEach(function(k){
            var found=(r.diagnostics||[]).filter(function(d){return d.severity===k[0];}).slice(0,100);
            if(found.length){h+='<h3>'+k[1]+'</h3><ul class="diagnostics">'+found.map(function(d){
              return '<li>'+esc(d.file)+':'+d.line+': '+esc(d.message)+'</li>';}).join('')+'</ul>';}
          });
          if((r.review||[]).length){h+='<h3>三审情况</h3><pre>'+esc(r.review.join('\\n'))+'</pre>';}
          if(r.deploy){h+='<h3>上传</h3><p>目标 '+esc(r.deploy.target)+'：上传 '+r.deploy.uploaded.length+
            ' 个，删除 '+r.deploy.deleted.length+' 个，未变 '+r.deploy.unchanged+' 个。</p>';}
          return h;
        }
        function poll(){
          fetch('/api/publish/'+encodeURIComponent(run.dataset.id),{credentials:'same-origin'})
          .then(function(r){return r.json();}).then(function(j){
            if(!j.state){return;}
            run.dataset.state=j.state;
            document.getElementById('publish-message').textContent=j.message||'';
            document.getElementById('publish-steps').innerHTML=(j.steps||[]).map(function(s){
              return '<li data-phase="'+esc(s.phase)+'">'+esc(s.text)+'</li>';}).join('');
            if(j.state==='running'){setTimeout(poll,600);return;}
            document.getElementById('publish-reload').hidden=true;
            if(j.result){document.getElementById('publish-report').innerHTML=report(j.result);}
          },function(){setTimeout(poll,2000);});
        }
        if(run&&run.dataset.state==='running'){setTimeout(poll,300);}
        """
}
