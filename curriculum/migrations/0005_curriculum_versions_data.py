# Versioned curricula (issue 16), step 2 of 3: every existing curriculum becomes its version 1.
#
# A published (or retired) curriculum's content is sealed as it stands, with its content hash;
# its credit hours are kept as they were stated (an override: they were never derived), so no
# certificate already issued changes. A draft curriculum becomes a draft version 1. Lesson times
# recorded before the lesson clock existed are marked as not measured (null).

from django.db import migrations

from curriculum.content import content_hash, version_content


def forwards(apps, schema_editor):
    Curriculum = apps.get_model("curriculum", "Curriculum")
    CurriculumVersion = apps.get_model("curriculum", "CurriculumVersion")
    Module = apps.get_model("curriculum", "Module")
    Assessment = apps.get_model("curriculum", "Assessment")
    Enrollment = apps.get_model("curriculum", "Enrollment")
    LessonProgress = apps.get_model("curriculum", "LessonProgress")
    LessonProgress.objects.update(seconds_spent=None)
    for curriculum in Curriculum.objects.all():
        published = curriculum.status != "draft"
        version = CurriculumVersion.objects.create(
            curriculum=curriculum,
            number=1,
            title=curriculum.title,
            summary=curriculum.summary,
            thematic_area=curriculum.thematic_area,
            credit_hours_override=curriculum.credit_hours,
            change_note="Version 1: the content as it stood when versions were introduced.",
            created_at=curriculum.created_at,
        )
        Module.objects.filter(curriculum=curriculum).update(version=version)
        Assessment.objects.filter(curriculum=curriculum).update(version=version)
        Enrollment.objects.filter(curriculum=curriculum).update(version=version)
        if published:
            version.credit_hours = curriculum.credit_hours
            version.content_hash = content_hash(version_content(version))
            version.published_at = curriculum.created_at
            version.save(update_fields=["credit_hours", "content_hash", "published_at"])
            curriculum.current_version = version
            curriculum.save(update_fields=["current_version"])


class Migration(migrations.Migration):

    dependencies = [
        ('curriculum', '0004_curriculum_versions'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
