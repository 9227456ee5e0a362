import CampaignCore
import Foundation
import HTTPTypes
import LEDFeed

/// The desk's HTML: one layout, Chinese, no external resources (styles and script are served by the
/// desk itself), usable without JavaScript for reading; `desk.js` adds the actions through the API.
enum DeskPage {
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// A whole page.
    static func document(title: String, account: Account?, csrf: String?, body: String) -> String {
        var nav = ""
        if let account {
            nav = """
                <nav aria-label="主导航"><ul>
                <li><a href="/">待办</a></li>
                <li><a href="/items/news">新闻</a></li>
                <li><a href="/items/exposure">曝光</a></li>
                <li><a href="/items/page">页面</a></li>
                <li><a href="/items/led">LED 消息</a></li>
                \(account.role.canAudit ? "<li><a href=\"/audit\">审计日志</a></li>" : "")
                </ul>
                <p class="who">\(escape(account.name))（\(account.role.chineseName)）
                <button type="button" id="logout">退出登录</button></p></nav>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="\(escape(csrf ?? ""))">
            <title>\(escape(title)) - 编辑工作台</title>
            <link rel="stylesheet" href="/desk.css">
            <script src="/desk.js" defer></script>
            <script src="/desk-editor.js" defer></script>
            </head>
            <body>
            <header><p class="brand">编辑工作台</p>\(nav)</header>
            <main id="main">
            \(body)
            </main>
            </body>
            </html>
            """
    }

    static let levelNames: [(String, String)] = [("first", "初审"), ("second", "复审"), ("final", "终审")]

    static func stateName(_ state: String) -> String {
        switch state {
        case "draft": return "草稿"
        case "sent-back": return "已驳回"
        case "awaiting-first": return "待初审"
        case "awaiting-second": return "待复审"
        case "awaiting-final": return "待终审"
        case "signed": return "三审已签"
        case "no-review": return "无需三审"
        default: return "有错误"
        }
    }

    /// A table of items with their review state.
    static func table(_ items: [DeskItems.Summary], caption: String, account: Account) -> String {
        guard !items.isEmpty else { return "<h2>\(escape(caption))</h2><p>暂无。</p>" }
        var rows = ""
        for item in items {
            var steps = ""
            for (level, name) in levelNames {
                guard let step = item.review[level] else { continue }
                let text: String
                switch step.state {
                case "signed": text = "\(name)：\(escape(step.by ?? ""))已签"
                case "voided": text = "\(name)：\(escape(step.by ?? ""))的签名因修改失效"
                case "invalid": text = "\(name)：签名无效"
                default: text = "\(name)：未签"
                }
                steps += "<li>\(text)</li>"
            }
            var actions = ""
            if account.role == .reviewer, let next = levelNames.first(where: { item.state == "awaiting-\($0.0)" }),
                account.levels.map(\.rawValue).contains(next.0)
            {
                actions = """
                    <button type="button" data-review="approve" data-kind="\(item.kind)" data-id="\(escape(item.id))" \
                    data-level="\(next.0)">签署\(next.1)</button>
                    <button type="button" data-review="reject" data-kind="\(item.kind)" data-id="\(escape(item.id))" \
                    data-level="\(next.0)">驳回</button>
                    """
            }
            let overdue = item.daysOverdue > 0 ? "<p class=\"sent-back\">逾期 \(item.daysOverdue) 天</p>" : ""
            let note =
                overdue
                + (item.sentBack.map { "<p class=\"sent-back\">驳回理由（\(escape($0.by))）：\(escape($0.note))</p>" } ?? "")
            rows += """
                <tr><td><a href="/items/\(item.kind)/\(escape(item.id))">\(escape(item.title))</a><br><small>\(escape(item.file))</small>\(note)</td>
                <td>\(stateName(item.state))</td><td><ul class="steps">\(steps)</ul></td><td>\(actions)</td></tr>
                """
        }
        return """
            <h2>\(escape(caption))</h2>
            <table><thead><tr><th scope="col">标题</th><th scope="col">状态</th><th scope="col">三审</th>\
            <th scope="col">操作</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    static let login = """
        <h1>登录</h1>
        <form method="post" action="/login" id="login-form">
        <p><label for="login">登录名</label><br><input id="login" name="login" autocomplete="username" required></p>
        <p><label for="password">密码</label><br>\
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p id="login-message" role="alert"></p>
        <p><button type="submit">登录</button></p>
        </form>
        """

    static let css = """
        body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1a1a1a;background:#fff}
        header{background:#8b0000;color:#fff;padding:.5rem 1rem}header a{color:#fff}
        header ul{list-style:none;display:flex;gap:1rem;padding:0;margin:.25rem 0}
        .brand{font-weight:bold;margin:0}.who{margin:.25rem 0}
        main{padding:1rem;max-width:70rem}table{border-collapse:collapse;width:100%}
        th,td{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}
        .steps{margin:0;padding-left:1rem}.sent-back{color:#8b0000}
        .field-message{color:#8b0000}input,select,textarea{font:inherit;max-width:100%}
        iframe#preview{width:100%;min-height:20rem;border:1px solid #767676}canvas{cursor:crosshair;max-width:100%}
        .photo{margin-bottom:2rem}img.redacted{max-width:100%}
        button{font:inherit;padding:.3rem .8rem}[role=alert]{color:#8b0000}
        .led-screen-preview{margin-bottom:1.5rem}.led-text{font-size:1.25rem}
        """ + DotMatrixHTML.stylesheet

    static let script = "(function(){\n'use strict';\n" + actionsScript + "\n" + publishScript + "\n})();\n"

    /// The actions of every page: login, logout, signing and sending back.
    static let actionsScript = """
        var meta=document.querySelector('meta[name="csrf-token"]');
        var csrf=meta?meta.content:'';
        function api(method,url,body){
          return fetch(url,{method:method,credentials:'same-origin',
            headers:{'Content-Type':'application/json','X-CSRF-Token':csrf},
            body:body?JSON.stringify(body):undefined}).then(function(r){
              return r.json().then(function(j){return {status:r.status,body:j};});});
        }
        var form=document.getElementById('login-form');
        if(form){form.addEventListener('submit',function(e){
          e.preventDefault();
          fetch('/api/session',{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json'},
            body:JSON.stringify({login:form.login.value,password:form.password.value})})
          .then(function(r){return r.json().then(function(j){
            if(r.status===200){location.href='/';}
            else{document.getElementById('login-message').textContent=j.error||'登录失败';}});});
        });}
        var out=document.getElementById('logout');
        if(out){out.addEventListener('click',function(){api('DELETE','/api/session').then(function(){location.href='/login';});});}
        document.querySelectorAll('button[data-review]').forEach(function(b){
          b.addEventListener('click',function(){
            var note='';
            if(b.dataset.review==='reject'){note=prompt('驳回理由')||'';if(!note){return;}}
            api('POST','/api/items/'+b.dataset.kind+'/'+encodeURIComponent(b.dataset.id)+'/review',
              {level:b.dataset.level,decision:b.dataset.review,note:note})
            .then(function(r){if(r.status===200){location.reload();}else{alert(r.body.error||'失败');}});
          });
        });
        """
}

extension DeskPage {
    /// The editor's script: saving through the API with field messages, preview, photos and boxes.
    static let editorScript = #"""
        (function(){
        'use strict';
        var meta=document.querySelector('meta[name="csrf-token"]');
        var csrf=meta?meta.content:'';
        var form=document.getElementById('editor');
        if(!form){return;}
        var kind=form.dataset.kind;
        function say(id,text){var e=document.getElementById(id);if(e){e.textContent=text;}}
        function collect(){
          var data={};
          form.querySelectorAll('input[name],select[name],textarea[name]').forEach(function(e){
            var v;
            if(e.type==='checkbox'){if(!e.checked){return;}v=true;}
            else if(e.dataset.list){v=e.value.split(/[,，、;；\s]+/).map(function(s){return s.trim();}).filter(Boolean);if(!v.length){return;}}
            else{v=e.value;}
            var parts=e.name.split('.');
            if(parts.length===2){
              if(v===''){return;}
              data[parts[0]]=data[parts[0]]||{};data[parts[0]][parts[1]]=v;
            }else{data[e.name]=v;}
          });
          var ack=document.getElementById('acknowledge');
          if(ack&&ack.checked){data.acknowledge_privacy=true;}
          return data;
        }
        form.addEventListener('submit',function(ev){
          ev.preventDefault();
          form.querySelectorAll('.field-message').forEach(function(e){e.textContent='';});
          var data=collect();
          var id=form.dataset.id;
          var url='/api/items/'+kind+(id?'/'+encodeURIComponent(id):'');
          if(id){data.base=form.dataset.base;}
          fetch(url,{method:id?'PUT':'POST',credentials:'same-origin',
            headers:{'Content-Type':'application/json','X-CSRF-Token':csrf},body:JSON.stringify(data)})
          .then(function(r){return r.json().then(function(j){return {status:r.status,body:j};});})
          .then(function(r){
            if(r.status===201){location.href='/items/'+kind+'/'+encodeURIComponent(r.body.id);return;}
            if(r.status===200){form.dataset.base=r.body.base;say('form-message','已保存。');return;}
            say('form-message',r.body.error||'保存失败');
            var fields=r.body.fields||{};
            Object.keys(fields).forEach(function(k){say('m-'+k.replace('.','-'),fields[k].join('；'));});
            if(r.body.privacy){
              document.getElementById('privacy').hidden=false;
              say('privacy-text','发现个人信息（发布时将显示为）：'+r.body.privacy.map(function(h){return h.field+'：'+h.masked;}).join('；'));
            }
          });
        });
        document.getElementById('preview-button').addEventListener('click',function(){
          if(kind==='led'){
            fetch('/api/preview/led',{method:'POST',credentials:'same-origin',
              headers:{'Content-Type':'application/json','X-CSRF-Token':csrf},body:JSON.stringify(collect())})
            .then(function(r){return r.json();}).then(function(j){
              document.getElementById('led-preview').innerHTML=j.html||j.error||'';});
            return;
          }
          fetch('/api/preview',{method:'POST',credentials:'same-origin',
            headers:{'Content-Type':'application/json','X-CSRF-Token':csrf},
            body:JSON.stringify({body:document.getElementById('f-body').value})})
          .then(function(r){return r.json();}).then(function(j){
            document.getElementById('preview').srcdoc='<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'+
              '<title>预览</title><link rel="stylesheet" href="'+location.origin+'/theme/style.css"></head><body>'+
              '<article class="article"><div class="content">'+(j.html||'')+'</div></article></body></html>';
          });
        });
        var section=document.getElementById('photos');
        if(!section){return;}
        var notice=section.dataset.id;
        var base='/api/items/exposure/'+encodeURIComponent(notice)+'/photos';
        section.querySelectorAll('li.photo').forEach(function(li){
          var n=li.dataset.n;
          var boxes=JSON.parse(li.dataset.boxes||'[]');
          var canvas=li.querySelector('canvas');
          var ctx=canvas.getContext('2d');
          var img=new Image();
          var scale=1;
          function list(){li.querySelector('.box-list').textContent=boxes.length?boxes.map(function(b){return '['+b.join(', ')+']';}).join(' '):'无';}
          function draw(){
            if(!img.naturalWidth){return;}
            ctx.drawImage(img,0,0,canvas.width,canvas.height);
            ctx.strokeStyle='#ff0000';ctx.lineWidth=3;
            boxes.forEach(function(b){ctx.strokeRect(b[0]*scale,b[1]*scale,b[2]*scale,b[3]*scale);});
            list();
          }
          fetch(base+'/'+n,{credentials:'same-origin'}).then(function(r){return r.blob();}).then(function(blob){
            img.onload=function(){
              scale=Math.min(1,800/img.naturalWidth);
              canvas.width=Math.round(img.naturalWidth*scale);canvas.height=Math.round(img.naturalHeight*scale);
              canvas.dataset.ready='1';draw();
            };
            img.src=URL.createObjectURL(blob);
          });
          var start=null;
          function point(ev){var r=canvas.getBoundingClientRect();
            return [Math.max(0,Math.round((ev.clientX-r.left)/scale)),Math.max(0,Math.round((ev.clientY-r.top)/scale))];}
          canvas.addEventListener('pointerdown',function(ev){ev.preventDefault();start=point(ev);});
          canvas.addEventListener('pointerup',function(ev){
            if(!start){return;}
            var end=point(ev);
            var x=Math.min(start[0],end[0]),y=Math.min(start[1],end[1]);
            var w=Math.abs(end[0]-start[0]),h=Math.abs(end[1]-start[1]);
            start=null;
            if(w>0&&h>0){boxes.push([x,y,w,h]);draw();}
          });
          li.querySelector('.add-box').addEventListener('click',function(){
            var v=['bx','by','bw','bh'].map(function(k){return parseInt(document.getElementById(k+'-'+n).value,10);});
            if(v.some(isNaN)||v[2]<1||v[3]<1){li.querySelector('.redact-message').textContent='请填写 x、y、宽、高';return;}
            boxes.push(v);draw();
          });
          li.querySelector('.clear-boxes').addEventListener('click',function(){boxes=[];draw();});
          function redact(save){
            fetch(base+'/'+n+'/redact',{method:'POST',credentials:'same-origin',
              headers:{'Content-Type':'application/json','X-CSRF-Token':csrf},body:JSON.stringify({boxes:boxes,save:save})})
            .then(function(r){
              if(r.status!==200){return r.json().then(function(j){li.querySelector('.redact-message').textContent=j.error||'失败';});}
              return r.blob().then(function(blob){
                var out=li.querySelector('img.redacted');out.src=URL.createObjectURL(blob);out.hidden=false;
                li.querySelector('.redact-message').textContent=save?'打码已保存。':'以下为发布后的效果（已去除照片元数据）。';
                if(save){fetch('/api/items/exposure/'+encodeURIComponent(notice),{credentials:'same-origin'})
                  .then(function(r){return r.json();}).then(function(j){form.dataset.base=j.base;});}
              });
            });
          }
          li.querySelector('.redact-preview').addEventListener('click',function(){redact(false);});
          li.querySelector('.redact-save').addEventListener('click',function(){redact(true);});
          list();
        });
        var upload=document.getElementById('upload');
        upload.addEventListener('submit',function(ev){
          ev.preventDefault();
          var data=new FormData();
          data.append('alt',document.getElementById('photo-alt').value);
          if(document.getElementById('photo-after').checked){data.append('rectification','true');}
          var file=document.getElementById('photo-file').files[0];
          if(file){data.append('file',file);}
          fetch(base,{method:'POST',credentials:'same-origin',headers:{'X-CSRF-Token':csrf},body:data})
          .then(function(r){return r.json().then(function(j){return {status:r.status,body:j};});})
          .then(function(r){if(r.status===201){location.reload();}else{say('upload-message',r.body.error||'上传失败');}});
        });
        })();
        """#
}
