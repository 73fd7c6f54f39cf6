// The redirect form's filter box: typing part of a name hides the entities that do not match (accents and case
// ignored). Without scripts the box stays hidden and the grouped list works as it is.
(function () {
    'use strict';
    var field = document.getElementById('redirectFilter-field');
    var input = document.getElementById('redirectFilter');
    var select = document.getElementById('redirectTo');
    var none = document.getElementById('redirectFilter-none');
    if (!field || !input || !select || !none) {
        return;
    }

    function fold(text) {
        return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    }

    function apply() {
        var words = fold(input.value).split(/\s+/).filter(Boolean);
        var shown = 0;
        select.querySelectorAll('optgroup').forEach(function (group) {
            var visible = 0;
            group.querySelectorAll('option').forEach(function (option) {
                var name = fold(option.textContent || '');
                var match = words.every(function (word) { return name.indexOf(word) >= 0; });
                option.hidden = !match;
                option.disabled = !match;
                if (match) {
                    visible++;
                }
            });
            group.hidden = visible === 0;
            shown += visible;
        });
        none.textContent = shown === 0 ? none.getAttribute('data-none') : '';
        // A chosen entity the filter hides is not chosen any more: what is sent is always what is seen.
        var chosen = select.options[select.selectedIndex];
        if (chosen && chosen.hidden) {
            select.value = '';
        }
    }

    field.hidden = false;
    input.addEventListener('input', apply);
})();
